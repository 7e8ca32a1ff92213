package org.bnn4j.tests.testutil;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The concrete classes of a package that extend or implement a type, read from the directory or jar the package was
 * loaded from: how the contract suites find a layer or quantizer that has no case.
 *
 * <pre>{@code
 * List<Class<?>> all = PackageClasses.concrete(Quantizer.class, Quantizer.class.getPackageName());
 * }</pre>
 */
public final class PackageClasses {
    private PackageClasses() {
    }

    public static List<Class<?>> concrete(Class<?> type, String packageName) {
        String path = packageName.replace('.', '/') + '/';
        List<Class<?>> found = new ArrayList<>();
        for (String name : classFiles(type, path)) {
            Class<?> c = load(packageName + '.' + name);
            if (type.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                found.add(c);
            }
        }
        return found;
    }

    /** Simple names of the top-level classes directly in the package. */
    private static List<String> classFiles(Class<?> anchor, String path) {
        List<String> names = new ArrayList<>();
        try {
            File location = new File(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (location.isDirectory()) {
                String[] files = new File(location, path).list();
                for (String f : files == null ? new String[0] : files) {
                    addClass(names, f);
                }
            } else {
                try (JarFile jar = new JarFile(location)) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String entry = e.nextElement().getName();
                        if (entry.startsWith(path) && entry.indexOf('/', path.length()) < 0) {
                            addClass(names, entry.substring(path.length()));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the classes of " + path, e);
        }
        return names;
    }

    private static void addClass(List<String> names, String file) {
        if (file.endsWith(".class") && !file.contains("$")) {
            names.add(file.substring(0, file.length() - ".class".length()));
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
