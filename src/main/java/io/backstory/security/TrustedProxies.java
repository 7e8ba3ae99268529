package io.backstory.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.catalina.valves.RemoteIpValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Which peers may tell the app the real client address and scheme (X-Forwarded-For/-Proto). With
 * {@code server.forward-headers-strategy=native} Tomcat's RemoteIpValve reads those headers, but by
 * default it believes every private-network peer; here it believes only the addresses listed in
 * BACKSTORY_TRUSTED_PROXIES (the TLS proxy in front of the app). From anyone else the headers are
 * ignored, so a client cannot pick the address that the login throttle and the audit trail key on.
 * <p>
 * Entries are comma-separated IPv4 or IPv6 addresses, or IPv4 networks on octet boundaries
 * (10.0.0.0/8, 172.18.0.0/16, 192.168.1.0/24).
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]+");

    private final String pattern;

    TrustedProxies(@Value("${backstory.trusted-proxies:}") String proxies) {
        this.pattern = pattern(proxies);
    }

    /** The RemoteIpValve regex for a list of proxies; empty (nobody) for an empty list. */
    static String pattern(String proxies) {
        List<String> alternatives = new ArrayList<>();
        for (String raw : proxies.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            alternatives.add(alternative(entry));
        }
        return String.join("|", alternatives);
    }

    private static String alternative(String entry) {
        int slash = entry.indexOf('/');
        if (slash < 0) {
            if (IPV4.matcher(entry).matches() || IPV6.matcher(entry).matches()) {
                return Pattern.quote(entry);
            }
        } else if (IPV4.matcher(entry.substring(0, slash)).matches()) {
            int bits = Integer.parseInt(entry.substring(slash + 1));
            if (bits == 8 || bits == 16 || bits == 24 || bits == 32) {
                String[] octets = entry.substring(0, slash).split("\\.");
                StringBuilder regex = new StringBuilder();
                for (int i = 0; i < 4; i++) {
                    regex.append(i > 0 ? "\\." : "").append(i < bits / 8 ? octets[i] : "\\d{1,3}");
                }
                return regex.toString();
            }
        }
        throw new IllegalArgumentException("BACKSTORY_TRUSTED_PROXIES: '" + entry
                + "' is not an IP address or an IPv4 network ending in /8, /16, /24 or /32");
    }

    @Override
    public void customize(TomcatWebServerFactory factory) {
        boolean found = false;
        for (var valve : factory.getEngineValves()) {
            if (valve instanceof RemoteIpValve remoteIp) {
                remoteIp.setInternalProxies(pattern);
                remoteIp.setTrustedProxies(null);
                found = true;
            }
        }
        if (found) {
            log.info("Forwarded headers trusted from: {}", pattern.isEmpty() ? "no one (BACKSTORY_TRUSTED_PROXIES is empty)" : pattern);
        }
    }

    /** After Spring Boot's own Tomcat customizer, which creates the valve. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
