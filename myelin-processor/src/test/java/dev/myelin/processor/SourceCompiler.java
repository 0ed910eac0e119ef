package dev.myelin.processor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources held in strings with the system compiler and the Myelin processor, on the
 * test class path, into a directory. Test support; not thread-safe.
 */
final class SourceCompiler {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:(?:public|final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");

    private final Path output;
    private final List<String> classPath = new ArrayList<>();
    private final List<String> laterSources = new ArrayList<>();

    private SourceCompiler(Path output) {
        this.output = output;
        classPath.add(System.getProperty("java.class.path"));
    }

    /** Starts a compiler writing into {@code output} (classes) and its sibling for generated sources. */
    static SourceCompiler into(Path output) {
        return new SourceCompiler(output);
    }

    /** Puts a directory before the test class path, as a build puts the main classes before the tests. */
    SourceCompiler withClassPath(Path directory) {
        classPath.add(0, directory.toString());
        return this;
    }

    /** Replaces the class path with the test class path minus the entries that contain {@code fragment}. */
    SourceCompiler withoutClassPathEntries(String fragment) {
        String kept = String.join(File.pathSeparator, Stream.of(System.getProperty("java.class.path")
                .split(File.pathSeparator)).filter(entry -> !entry.contains(fragment)).toList());
        classPath.clear();
        classPath.add(kept);
        return this;
    }

    /**
     * Has a second processor write {@code source} in the first round, so that the Myelin
     * processor sees it in the second one.
     */
    SourceCompiler withSourceGeneratedInFirstRound(String source) {
        laterSources.add(source);
        return this;
    }

    Compilation compile(String... sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path generated = output.resolveSibling(output.getFileName() + "-generated");
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Files.createDirectories(output);
            Files.createDirectories(generated);
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
            List<String> options = new ArrayList<>(List.of("-Xlint:all,-processing",
                    "-classpath", String.join(File.pathSeparator, classPath)));
            if (laterSources.isEmpty()) {
                options.addAll(List.of("-processor", MyelinProcessor.class.getName()));
            }
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, diagnostics, options, null,
                    Stream.of(sources).map(SourceCompiler::file).toList());
            if (!laterSources.isEmpty()) {
                task.setProcessors(List.of(new MyelinProcessor(), new FirstRoundWriter(laterSources)));
            }
            boolean success = task.call();
            return new Compilation(success, diagnostics.getDiagnostics(), output, generated);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static JavaFileObject file(String source) {
        Matcher pkg = PACKAGE.matcher(source);
        Matcher type = TYPE.matcher(source);
        if (!type.find()) {
            throw new IllegalArgumentException("No type declared in:\n" + source);
        }
        String path = (pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "") + type.group(1) + ".java";
        return new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
    }

    /** The outcome of a compilation. */
    record Compilation(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path classes,
            Path generatedSources) {

        List<String> messages(Diagnostic.Kind kind) {
            return diagnostics.stream().filter(d -> d.getKind() == kind).map(d -> d.getMessage(Locale.ROOT)).toList();
        }

        List<String> errors() {
            return messages(Diagnostic.Kind.ERROR);
        }

        /** The errors, each with the name of the source file it is reported on. */
        List<String> errorsWithSource() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> (d.getSource() == null ? "?" : Path.of(d.getSource().toUri().getPath()).getFileName())
                            + ": " + d.getMessage(Locale.ROOT))
                    .toList();
        }

        /** Every file written under the classes directory, relative to it, with forward slashes. */
        List<String> outputFiles() {
            try (Stream<Path> paths = Files.walk(classes)) {
                return paths.filter(Files::isRegularFile).map(p -> classes.relativize(p).toString().replace('\\', '/'))
                        .sorted().toList();
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }

        /** Every source file the processors wrote, relative to the generated sources directory. */
        List<String> generatedFiles() {
            try (Stream<Path> paths = Files.walk(generatedSources)) {
                return paths.filter(Files::isRegularFile)
                        .map(p -> generatedSources.relativize(p).toString().replace('\\', '/')).sorted().toList();
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }

        String read(String relativePath) {
            try {
                return Files.readString(classes.resolve(relativePath));
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }

        String generatedSource(String relativePath) {
            try {
                return Files.readString(generatedSources.resolve(relativePath));
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }

        /** A class loader over the compiled classes whose parent is the test class loader. */
        URLClassLoader classLoader(Path... before) {
            try {
                List<URL> urls = new ArrayList<>();
                for (Path path : before) {
                    urls.add(path.toUri().toURL());
                }
                urls.add(classes.toUri().toURL());
                return new URLClassLoader(urls.toArray(URL[]::new), SourceCompiler.class.getClassLoader());
            } catch (MalformedURLException failure) {
                throw new IllegalStateException(failure);
            }
        }
    }

    /** Writes the given sources in the first round, as a code-generating processor would. */
    private static final class FirstRoundWriter extends AbstractProcessor {

        private final List<String> sources;
        private boolean done;

        FirstRoundWriter(List<String> sources) {
            this.sources = sources;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (done) {
                return false;
            }
            done = true;
            for (String source : sources) {
                Matcher pkg = PACKAGE.matcher(source);
                Matcher type = TYPE.matcher(source);
                type.find();
                String name = (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
                try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
                    writer.write(source);
                } catch (IOException failure) {
                    throw new UncheckedIOException(failure);
                }
            }
            return false;
        }
    }
}
