package io.overlaysim.iproute;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.routing.RouteAnswer;
import io.overlaysim.routing.RouteFlag;
import io.overlaysim.routing.RouteType;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a {@link RouteAnswer} as {@code ip route get} does (iproute2's {@code print_route} for
 * a cloned route, run as root: {@code uid 0} on output lookups) or as one line of
 * {@code ip -j route get}; errors as {@code RTNETLINK answers: TEXT} or {@code {"error":"TEXT"}}.
 */
public final class RouteGetPrinter {
    private RouteGetPrinter() {
    }

    /** The text {@code ip route get} prints (two lines: the route and its cache line). */
    public static String text(RouteAnswer a) {
        return switch (a) {
            case RouteAnswer.Failed f -> "RTNETLINK answers: " + f.error().text();
            case RouteAnswer.Found r -> {
                StringBuilder sb = new StringBuilder();
                if (r.type() != RouteType.UNICAST) {
                    sb.append(r.type()).append(' ');
                }
                sb.append(Ipv4Address.format(r.dst())).append(' ');
                if (r.from() != 0) {
                    sb.append("from ").append(Ipv4Address.format(r.from())).append(' ');
                }
                if (r.gateway() != null) {
                    sb.append("via ").append(r.gateway()).append(' ');
                }
                sb.append("dev ").append(r.dev()).append(' ');
                if (r.prefsrc() != 0) {
                    sb.append("src ").append(Ipv4Address.format(r.prefsrc())).append(' ');
                }
                for (RouteFlag f : sortedFlags(r)) {
                    sb.append(f).append(' ');
                }
                if (r.mark() != 0) {
                    sb.append("mark ").append(r.mark()).append(' ');
                }
                if (r.iif() == null) {
                    sb.append("uid 0 ");
                }
                sb.append("\n    cache ");
                if (!r.cache().isEmpty()) {
                    sb.append('<').append(String.join(",", r.cache())).append("> ");
                }
                if (r.iif() != null) {
                    sb.append("iif ").append(r.iif()).append(' ');
                }
                yield sb.toString();
            }
        };
    }

    /** One JSON object as {@code ip -j route get} prints inside its array, or {@code {"error": TEXT}}. */
    public static String json(RouteAnswer a) {
        return switch (a) {
            case RouteAnswer.Failed f -> "{\"error\":" + Json.quote(f.error().text()) + "}";
            case RouteAnswer.Found r -> {
                List<String> kv = new ArrayList<>();
                if (r.type() != RouteType.UNICAST) {
                    kv.add("\"type\":" + Json.quote(r.type().toString()));
                }
                kv.add("\"dst\":" + Json.quote(Ipv4Address.format(r.dst())));
                if (r.from() != 0) {
                    kv.add("\"from\":" + Json.quote(Ipv4Address.format(r.from())));
                }
                if (r.gateway() != null) {
                    kv.add("\"gateway\":" + Json.quote(r.gateway().toString()));
                }
                kv.add("\"dev\":" + Json.quote(r.dev()));
                if (r.prefsrc() != 0) {
                    kv.add("\"prefsrc\":" + Json.quote(Ipv4Address.format(r.prefsrc())));
                }
                List<String> fl = new ArrayList<>();
                for (RouteFlag f : sortedFlags(r)) {
                    fl.add(Json.quote(f.toString()));
                }
                kv.add("\"flags\":[" + String.join(",", fl) + "]");
                if (r.mark() != 0) {
                    kv.add("\"mark\":" + r.mark());
                }
                if (r.iif() == null) {
                    kv.add("\"uid\":0");
                }
                List<String> cache = new ArrayList<>();
                for (String c : r.cache()) {
                    cache.add(Json.quote(c));
                }
                kv.add("\"cache\":[" + String.join(",", cache) + "]");
                if (r.iif() != null) {
                    kv.add("\"iif\":" + Json.quote(r.iif()));
                }
                yield "{" + String.join(",", kv) + "}";
            }
        };
    }

    private static List<RouteFlag> sortedFlags(RouteAnswer.Found r) {
        return r.flags().stream().sorted().toList();
    }
}
