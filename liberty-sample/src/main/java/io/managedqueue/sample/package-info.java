/**
 * A runnable sample on Open Liberty: a plugin that uses the platform's queue only through the
 * public API ({@code io.managedqueue.api}).
 *
 * <ul>
 *   <li>{@code tenant}: the request filter that puts the caller's tenant into {@code TenantContext}.</li>
 *   <li>{@code notifications}: outbound notifications, retried with backoff, one send at a time per integration.</li>
 *   <li>{@code provider}: the flaky downstream provider the notifications go to (part of this WAR, for the demo).</li>
 *   <li>{@code events}: inbound events debounced into one flush per window.</li>
 *   <li>{@code jobs}: the job status and cancel API.</li>
 * </ul>
 */
package io.managedqueue.sample;
