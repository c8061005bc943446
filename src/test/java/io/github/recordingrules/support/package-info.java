/**
 * Test support shared by the test classes: test resources (Redis standalone and Cluster), REST and
 * callback clients, and Twilio error-body assertions.
 */
package io.github.recordingrules.support;
