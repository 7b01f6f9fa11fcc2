package io.overlaysim.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * A declared node: its devices, addresses and {@code ip} lines, or the folder of dumps it is
 * imported from (then only {@code sysctls} are given beside it).
 *
 * @param importDir the dump folder, resolved against the scenario file's folder
 * @param at where the node's name is written
 */
public record NodeSpec(
        String name,
        Optional<Path> importDir,
        SequencedMap<String, DeviceSpec> devices,
        List<AddressSpec> addresses,
        List<IpLine> routes,
        List<IpLine> rules,
        List<IpLine> neighbours,
        List<IpLine> fdb,
        Sysctls sysctls,
        SourceLocation at) {
    public boolean isImported() {
        return importDir.isPresent();
    }
}
