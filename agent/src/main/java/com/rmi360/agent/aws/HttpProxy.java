package com.rmi360.agent.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.rmi360.agent.error.ConfigException;

/**
 * The HTTP proxy every AWS client of a run goes through: {@code --proxy}, else config
 * {@code aws.proxy}, else the environment as curl and the AWS CLI read it ({@code https_proxy} /
 * {@code HTTPS_PROXY} for https endpoints, {@code http_proxy} / {@code HTTP_PROXY} for http ones).
 * {@code NO_PROXY} / {@code no_proxy} (comma-separated host names or suffixes, {@code *} for every
 * host) always applies. Only {@code http://[user:password@]host[:port]} proxies (the usual office
 * proxy, which tunnels TLS with CONNECT).
 *
 * <p>The password never leaves this object: {@link #toString()} and every message show
 * {@code http://host:port} only, and a URL that does not parse is reported without its text.
 *
 * @param host     proxy host; null when there is no proxy
 * @param port     proxy port
 * @param username null when none
 * @param password null when none
 * @param noProxy  NO_PROXY entries, lower-case
 * @param source   where the proxy came from ({@code --proxy}, {@code aws.proxy}, {@code HTTPS_PROXY}, ...)
 */
public record HttpProxy(String host, int port, String username, String password, List<String> noProxy, String source) {

    /** No proxy at all. */
    public static final HttpProxy NONE = new HttpProxy(null, 0, null, null, List.of(), "none");

    private static final String[] HTTPS_VARS = {"https_proxy", "HTTPS_PROXY"};
    private static final String[] HTTP_VARS = {"http_proxy", "HTTP_PROXY"};

    /**
     * @param flag         {@code --proxy}, or null
     * @param config       config {@code aws.proxy}
     * @param env          the process environment
     * @param targetScheme {@code https} for AWS, the endpoint override's scheme otherwise
     */
    public static HttpProxy resolve(String flag, Optional<String> config, Map<String, String> env, String targetScheme) {
        List<String> noProxy = noProxy(first(env, "no_proxy", "NO_PROXY"));
        if (flag != null && !flag.isBlank()) {
            return parse(flag.strip(), "--proxy", noProxy);
        }
        if (config.isPresent()) {
            return parse(config.get(), "aws.proxy", noProxy);
        }
        String[] vars = "http".equalsIgnoreCase(targetScheme) ? HTTP_VARS : HTTPS_VARS;
        for (String var : vars) {
            String value = env.get(var);
            if (value != null && !value.isBlank()) {
                return parse(value.strip(), var, noProxy);
            }
        }
        return new HttpProxy(null, 0, null, null, noProxy, "none");
    }

    static HttpProxy parse(String text, String where, List<String> noProxy) {
        String withScheme = text.contains("://") ? text : "http://" + text;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new ConfigException(where + " is not a proxy URL (expected http://[user:password@]host:port)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new ConfigException(where + ": only http:// proxies are supported, not " + scheme + "://");
        }
        if (uri.getHost() == null) {
            throw new ConfigException(where + " is not a proxy URL (expected http://[user:password@]host:port)");
        }
        String user = null;
        String password = null;
        if (uri.getUserInfo() != null) {
            String info = uri.getUserInfo();
            int colon = info.indexOf(':');
            user = colon < 0 ? info : info.substring(0, colon);
            password = colon < 0 ? null : info.substring(colon + 1);
        }
        return new HttpProxy(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), user, password, noProxy, where);
    }

    private static List<String> noProxy(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .map(s -> s.startsWith("*.") ? s.substring(1) : s)
                .map(s -> s.matches(".*:\\d+") && !s.startsWith("[") ? s.substring(0, s.lastIndexOf(':')) : s)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** True when a proxy is configured (whatever NO_PROXY says). */
    public boolean isSet() {
        return host != null;
    }

    /**
     * Whether requests to {@code targetHost} go through the proxy: a proxy is set and no NO_PROXY
     * entry matches the host ({@code *}, the host itself, or a suffix: {@code example.com} and
     * {@code .example.com} both match {@code s3.example.com}).
     */
    public boolean appliesTo(String targetHost) {
        if (!isSet()) {
            return false;
        }
        String host = targetHost.toLowerCase(Locale.ROOT);
        for (String entry : noProxy) {
            String bare = entry.startsWith(".") ? entry.substring(1) : entry;
            if (entry.equals("*") || host.equals(bare) || host.endsWith("." + bare)) {
                return false;
            }
        }
        return true;
    }

    /** {@code http://host:port}: what messages show (never the credentials). */
    public String display() {
        return isSet() ? "http://" + host + ":" + port : "no proxy";
    }

    @Override
    public String toString() {
        return display() + " (" + source + ")";
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
