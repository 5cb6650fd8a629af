package io.managedqueue.extension.redis;

/**
 * Where a job listing goes on: a segment and the members of it already looked at.
 * Its wire form {@code <segment>.<offset>} is the public, opaque cursor.
 *
 * @param segment index of the segment (0-based)
 * @param offset  members of it already looked at
 */
public record ListingCursor(int segment, int offset) {

    /** The first page. */
    public static final ListingCursor START = new ListingCursor(0, 0);

    /**
     * @param wire a cursor as {@link #toString()} wrote it
     * @return the cursor
     * @throws IllegalArgumentException naming {@code cursor} when it is not one
     */
    public static ListingCursor parse(String wire) {
        int dot = wire.indexOf('.');
        try {
            ListingCursor cursor = new ListingCursor(Integer.parseInt(wire.substring(0, dot)), Integer.parseInt(wire.substring(dot + 1)));
            if (cursor.segment < 0 || cursor.offset < 0) {
                throw new NumberFormatException();
            }
            return cursor;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor is not one of this listing's cursors: " + wire);
        }
    }

    @Override
    public String toString() {
        return segment + "." + offset;
    }
}
