package io.github.recordingrules.adapter.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into every address it has. */
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;
}
