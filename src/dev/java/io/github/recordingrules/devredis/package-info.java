/**
 * Dev and test tooling, never packaged: a real {@code redis-server} on loopback (with fault injection for
 * tests) and the agent that gives {@code ./mvnw quarkus:dev} one.
 */
package io.github.recordingrules.devredis;
