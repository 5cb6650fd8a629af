package io.managedqueue.tck.discovery;

import java.util.List;

/**
 * A typed payload: JSON-B carries it from the enqueueing code to the handler.
 *
 * @param text  some text
 * @param count a number
 * @param tags  a list
 */
public record Greeting(String text, int count, List<String> tags) {
}
