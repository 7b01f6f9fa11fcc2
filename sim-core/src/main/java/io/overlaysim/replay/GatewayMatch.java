package io.overlaysim.replay;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.routing.Route;

/**
 * A route's {@code via} matched to whoever holds that address.
 *
 * @param node the node whose route it is
 * @param route the route
 * @param gateway the gateway address
 * @param owner the node (or external router) holding it
 * @param ownerDevice the owner's device holding it
 * @param external whether the owner is an external router the import made up
 */
public record GatewayMatch(String node, Route route, Ipv4Address gateway, String owner, String ownerDevice,
                           boolean external) {
}
