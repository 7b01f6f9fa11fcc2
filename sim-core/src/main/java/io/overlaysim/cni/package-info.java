/**
 * What a CNI adds to the kernel beyond routes, devices and tables: Cilium's eBPF programs and
 * maps, modelled as small explicit components ({@link io.overlaysim.cni.CiliumDatapath}) that
 * sit at the devices' tc hooks and redirect, encapsulate or pass packets to the node's stack.
 */
package io.overlaysim.cni;
