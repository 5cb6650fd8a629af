package io.managedqueue.tck.invalid;

/** A payload JSON-B cannot serialise: reading its only property throws. */
public class Unserialisable {

    /** @return never: always throws */
    public String getValue() {
        throw new IllegalStateException("this property cannot be read");
    }
}
