package org.rapport.demo;

/** Reads {@code --name value} and {@code --name=value} options of a command. */
final class Arguments {

	private Arguments() {
	}

	static String option(String[] args, String name) {
		String flag = "--" + name;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals(flag) && i + 1 < args.length) {
				return args[i + 1];
			}
			if (args[i].startsWith(flag + "=")) {
				return args[i].substring(flag.length() + 1);
			}
		}
		return null;
	}

	/** Whether {@code --name} is given. */
	static boolean flag(String[] args, String name) {
		return java.util.Arrays.asList(args).contains("--" + name);
	}

	static long longOption(String[] args, String name, long fallback) {
		String value = option(args, name);
		if (value == null) {
			return fallback;
		}
		try {
			return Long.parseLong(value.replace("_", "").replace(",", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " needs a whole number, not " + value);
		}
	}

}
