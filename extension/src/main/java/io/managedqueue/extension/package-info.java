/**
 * The implementation of Managed Queues: internal, may change without notice. Applications use
 * {@code io.managedqueue.api} only.
 *
 * <p>The data flows one way: API call ({@code cdi}) → store ({@code redis}, one Lua script per
 * transition) → worker ({@code engine}) → handler (in a request context, {@code cdi}) → store.
 */
package io.managedqueue.extension;
