package ai.usheru.audit;

/** RFC 4180 fields: quoted when they hold a comma, a quote or a line break, with quotes doubled. */
final class Csv {

    static final String LINE_END = "\r\n";

    private Csv() {}

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    static String row(Object... values) {
        var line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(values[i]));
        }
        return line.append(LINE_END).toString();
    }
}
