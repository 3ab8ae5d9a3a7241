package com.rmi360.agent.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/** Asks the user for a value; secrets are read without echo on a terminal. */
public interface Prompter {

    /** One line of input, or {@code null} at end of input. */
    String readLine(String prompt);

    /** A secret, without echo where there is a terminal; {@code null} at end of input. */
    char[] readSecret(String prompt);

    /**
     * The terminal when there is one ({@link Console#readPassword} hides the secret); otherwise
     * lines from {@code stdin} (e.g. {@code printf 'id\nsecret\n' | rmi360 credentials set}) with
     * prompts on {@code promptOut} (stderr, so stdout stays clean).
     */
    static Prompter system(InputStream stdin, PrintStream promptOut) {
        Console console = System.console();
        if (console != null) {
            return new Prompter() {
                @Override
                public String readLine(String prompt) {
                    return console.readLine("%s", prompt);
                }

                @Override
                public char[] readSecret(String prompt) {
                    return console.readPassword("%s", prompt);
                }
            };
        }
        return lines(new BufferedReader(new InputStreamReader(stdin, Charset.defaultCharset())), promptOut);
    }

    /** Reads answers line by line from {@code in}; prompts go to {@code promptOut}. */
    static Prompter lines(BufferedReader in, PrintStream promptOut) {
        return new Prompter() {
            @Override
            public String readLine(String prompt) {
                promptOut.print(prompt);
                promptOut.flush();
                try {
                    return in.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public char[] readSecret(String prompt) {
                String line = readLine(prompt);
                return line == null ? null : line.toCharArray();
            }
        };
    }
}
