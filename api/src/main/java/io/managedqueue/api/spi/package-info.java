/**
 * Service provider interfaces: optional beans an application provides to plug its own
 * concepts into the platform.
 */
package io.managedqueue.api.spi;
