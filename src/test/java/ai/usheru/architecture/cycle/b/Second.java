package ai.usheru.architecture.cycle.b;

import ai.usheru.architecture.cycle.a.First;

/** The other half of a deliberate package cycle, for {@code ArchitectureTest}. */
public class Second {

    public First back() {
        return new First();
    }
}
