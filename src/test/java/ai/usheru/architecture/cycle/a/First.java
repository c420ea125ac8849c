package ai.usheru.architecture.cycle.a;

import ai.usheru.architecture.cycle.b.Second;

/** Half of a deliberate package cycle, for {@code ArchitectureTest} to prove it sees one. */
public class First {

    public Second next() {
        return new Second();
    }
}
