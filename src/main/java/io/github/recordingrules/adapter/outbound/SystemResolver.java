package io.github.recordingrules.adapter.outbound;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The operating system's resolver (on Lambda, the VPC's DNS). */
@ApplicationScoped
public class SystemResolver implements HostResolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
