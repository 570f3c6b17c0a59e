package io.parley.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The ten thousand most common passwords that are long enough to pass the length rule; a
 * password on this list is refused whatever its case.
 */
@Component
class CommonPasswords {

	private final Set<String> passwords = new HashSet<>();

	CommonPasswords() {
		ClassPathResource list = new ClassPathResource("io/parley/auth/common-passwords.txt");
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(list.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.startsWith("#") && !line.isEmpty()) {
					this.passwords.add(line.toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The common-password list is missing from the build", ex);
		}
	}

	boolean contains(String password) {
		return this.passwords.contains(password.toLowerCase(Locale.ROOT));
	}

}
