package io.managedqueue.admin.json;

/** A request field the admin API itself refuses: a 400 naming the field. */
public class BadInput extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the query parameter or body property
     * @param message what is wrong with it
     */
    public BadInput(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the field at fault */
    public String field() {
        return field;
    }
}
