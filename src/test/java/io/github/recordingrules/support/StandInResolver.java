package io.github.recordingrules.support;

import io.github.recordingrules.adapter.outbound.HostResolver;
import io.github.recordingrules.adapter.outbound.SystemResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Stands in for DNS records the test machine cannot have: a public-looking name that resolves to a private
 * address, as a rebinding or misconfigured record would. Every other name goes to the system resolver.
 * Enabled only by {@link OutboundProfile}.
 */
@Alternative
@ApplicationScoped
public class StandInResolver implements HostResolver {

    /** Resolves to 127.0.0.2, where a test may run a receiver that must never be called. */
    public static final String LOOPBACK_NAME = "callbacks.example.test";
    public static final String PRIVATE_NAME = "internal.example.test";

    private static final Map<String, String> RECORDS = Map.of(LOOPBACK_NAME, "127.0.0.2", PRIVATE_NAME, "10.20.30.40");

    private final SystemResolver system = new SystemResolver();

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String address = RECORDS.get(host);
        if (address != null) {
            return new InetAddress[]{InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress())};
        }
        return system.resolve(host);
    }
}
