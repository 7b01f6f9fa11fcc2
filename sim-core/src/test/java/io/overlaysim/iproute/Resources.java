package io.overlaysim.iproute;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test resources by class-path name. */
final class Resources {
    private Resources() {
    }

    static String read(String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under a resource folder whose name matches {@code glob}, sorted. */
    static List<Path> files(String folder, String glob) {
        URL url = Resources.class.getResource("/" + folder);
        if (url == null) {
            throw new IllegalArgumentException("no test resource folder " + folder);
        }
        try (Stream<Path> s = Files.walk(Path.of(url.toURI()))) {
            var matcher = Path.of(url.toURI()).getFileSystem().getPathMatcher("glob:" + glob);
            return s.filter(Files::isRegularFile).filter(p -> matcher.matches(p.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
