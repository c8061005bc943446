package io.github.recordingrules.adapter.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is a block of one). */
record Network(byte[] base, int bits) {

    static Network parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!address.matches("[0-9A-Fa-f:.]+")) {
            // Only literal addresses: a host name here would make the check depend on DNS.
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        byte[] base;
        try {
            base = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
        int bits = slash < 0 ? base.length * 8 : Integer.parseInt(text.substring(slash + 1));
        if (bits < 0 || bits > base.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + text);
        }
        return new Network(base, bits);
    }

    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] candidate) {
        if (candidate.length != base.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != base[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[whole] & mask) == (base[whole] & mask);
    }
}
