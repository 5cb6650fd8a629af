/**
 * Internal: turning a validated {@link io.managedqueue.api.EnqueueRequest} and the scope it runs in
 * into the id and hash fields the store writes. No CDI, no Redis: the service captures the scope,
 * the store writes.
 */
package io.managedqueue.extension.enqueue;
