package com.rmi360.agent.upload.options;

import java.net.InetAddress;
import java.util.Locale;

import com.rmi360.monitor.model.StatusKeys;

/** The default {@code --machine}: this host's name, reduced to what a machine name allows. */
public final class MachineName {

    private MachineName() {
    }

    /** The host name (COMPUTERNAME on Windows, else the resolver's), lower case, other characters as '-'. */
    public static String local() {
        String name = System.getenv("COMPUTERNAME");
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                name = System.getenv("HOSTNAME");
            }
        }
        return of(name);
    }

    /** {@code raw} as a valid machine name ({@code machine} when nothing is left). */
    static String of(String raw) {
        String s = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-")
                .replaceAll("^[.]+", "");
        if (s.length() > StatusKeys.MACHINE_MAX_LENGTH) {
            s = s.substring(0, StatusKeys.MACHINE_MAX_LENGTH);
        }
        return StatusKeys.isValidMachine(s) ? s : "machine";
    }
}
