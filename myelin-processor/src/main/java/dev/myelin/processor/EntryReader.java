package dev.myelin.processor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Reads the index entries of one concrete class: which Myelin interfaces it implements and the
 * raw types their arguments resolve to. Reports unresolvable and unreachable types through the
 * {@link Messager}. Created once per round, because elements must not outlive their round.
 */
final class EntryReader {

    /**
     * Thrown when a class's supertypes name a type that does not exist (yet): another processor
     * may generate it, so the class is read again in the next round.
     */
    static final class Incomplete extends Exception {

        private static final long serialVersionUID = 1L;

        Incomplete() {
            super(null, null, false, false);
        }
    }

    private final Elements elements;
    private final Types types;
    private final Messager messager;
    private final Map<Element, Role> roles = new HashMap<>();
    private final Map<Role, TypeElement> targets = new EnumMap<>(Role.class);
    private final TypeMirror object;
    private final TypeMirror runtimeException;
    private final TypeMirror error;

    EntryReader(ProcessingEnvironment environment) {
        this.elements = environment.getElementUtils();
        this.types = environment.getTypeUtils();
        this.messager = environment.getMessager();
        for (Role role : Role.values()) {
            TypeElement target = elements.getTypeElement(role.interfaceName);
            if (target != null) {
                roles.put(target, role);
                targets.put(role, target);
            }
        }
        this.object = elements.getTypeElement("java.lang.Object").asType();
        this.runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
        this.error = elements.getTypeElement("java.lang.Error").asType();
    }

    /** Whether any Myelin interface is on the class path; without one there is nothing to index. */
    boolean hasTargets() {
        return !targets.isEmpty();
    }

    /**
     * Returns the entries of a concrete class, one per Myelin interface it implements: the request
     * entry first, then the others in {@link Role} order. Problems are reported, and the entries
     * they concern left out.
     */
    List<IndexEntry> read(TypeElement type) throws Incomplete {
        Map<Role, DeclaredType> implemented = new EnumMap<>(Role.class);
        collect(type.asType(), new HashSet<>(), implemented);
        if (implemented.isEmpty()) {
            return List.of();
        }
        String name = type.getQualifiedName().toString();
        List<IndexEntry> entries = new ArrayList<>();
        if (implemented.remove(Role.REQUEST) != null) {
            request(type, name).ifPresent(entries::add);
        }
        if (implemented.isEmpty()) {
            return entries;
        }
        String unreachable = unreachable(type);
        if (unreachable != null) {
            messager.printMessage(Diagnostic.Kind.NOTE, "Myelin does not index " + name + ": " + unreachable
                    + "; register an instance with the MediatorBuilder instead", type);
            return List.of();
        }
        PackageElement from = elements.getPackageOf(type);
        boolean constructible = constructible(type);
        implemented.forEach((role, supertype) -> {
            List<TypeMirror> arguments = arguments(supertype, targets.get(role));
            TypeMirror message = resolve(arguments.get(0), role.exactMessageType);
            if (message == null) {
                error(type, "Cannot resolve the " + role.messageRole + " of " + role.noun + " " + name
                        + ": give the type argument a concrete type");
                return;
            }
            TypeMirror result = role.recordsResult ? resolve(arguments.get(1), false) : object;
            for (TypeMirror used : List.of(message, result)) {
                if (!accessible(used, from)) {
                    error(type, "Cannot index " + name + ": " + literal(used) + " is not accessible from package "
                            + from.getQualifiedName() + ", where the index is generated");
                    return;
                }
            }
            entries.add(new IndexEntry(role, type, name, literal(message), literal(result), constructible));
        });
        return entries;
    }

    /**
     * The entry that declares a request type, so that discovery can check it has a handler. The
     * index names the class and never creates it, so only a private class (or one nested in a
     * private class) is left out, with a note.
     */
    private Optional<IndexEntry> request(TypeElement type, String name) {
        for (Element element = type; element instanceof TypeElement enclosing;
                element = enclosing.getEnclosingElement()) {
            if (enclosing.getModifiers().contains(Modifier.PRIVATE)) {
                messager.printMessage(Diagnostic.Kind.NOTE, "Myelin cannot check that request type " + name
                        + " has a handler: " + (enclosing == type ? "the class is private"
                        : "it is nested in the private class " + enclosing.getQualifiedName()), type);
                return Optional.empty();
            }
        }
        return Optional.of(new IndexEntry(Role.REQUEST, type, name, name, "java.lang.Object", false));
    }

    /**
     * Walks the direct supertypes, in which javac has substituted the type arguments, down to the
     * Myelin interfaces. A class implements a generic interface at most once, so the first
     * visit of each interface is the only parameterization there is.
     */
    private void collect(TypeMirror type, Set<Element> seen, Map<Role, DeclaredType> found) throws Incomplete {
        for (TypeMirror supertype : types.directSupertypes(type)) {
            if (supertype.getKind() == TypeKind.ERROR) {
                throw new Incomplete();
            }
            if (supertype.getKind() != TypeKind.DECLARED) {
                continue;
            }
            DeclaredType declared = (DeclaredType) supertype;
            if (!seen.add(declared.asElement())) {
                continue;
            }
            Role role = roles.get(declared.asElement());
            if (role != null) {
                for (TypeMirror argument : declared.getTypeArguments()) {
                    TypeMirror bound = argument.getKind() == TypeKind.WILDCARD
                            ? ((WildcardType) argument).getExtendsBound() : argument;
                    if (bound != null && bound.getKind() == TypeKind.ERROR) {
                        throw new Incomplete();
                    }
                }
                found.put(role, declared);
            }
            collect(declared, seen, found);
        }
    }

    /** The type arguments, or the interface's own type variables when it is implemented raw. */
    private static List<TypeMirror> arguments(DeclaredType supertype, TypeElement target) {
        List<? extends TypeMirror> arguments = supertype.getTypeArguments();
        if (!arguments.isEmpty()) {
            return List.copyOf(arguments);
        }
        return target.getTypeParameters().stream().map(Element::asType).toList();
    }

    /**
     * Erases a type argument. A type variable erases to its first bound, unless the role needs
     * the exact type, when it does not resolve ({@code null}).
     */
    private TypeMirror resolve(TypeMirror argument, boolean exact) {
        switch (argument.getKind()) {
            case DECLARED, ARRAY:
                return types.erasure(argument);
            case TYPEVAR:
                return exact ? null : types.erasure(argument);
            case WILDCARD:
                TypeMirror bound = ((WildcardType) argument).getExtendsBound();
                if (bound != null) {
                    return resolve(bound, exact);
                }
                return exact ? null : object;
            default:
                return exact ? null : object;
        }
    }

    /** Why the index cannot create or name the class, or {@code null} when it can. */
    private static String unreachable(TypeElement type) {
        if (type.getNestingKind() == NestingKind.MEMBER && !isStatic(type)) {
            return "an inner class needs an enclosing instance";
        }
        for (Element element = type; element instanceof TypeElement enclosing;
                element = enclosing.getEnclosingElement()) {
            if (enclosing.getModifiers().contains(Modifier.PRIVATE)) {
                return enclosing == type ? "the class is private"
                        : "it is nested in the private class " + enclosing.getQualifiedName();
            }
        }
        return null;
    }

    private static boolean isStatic(TypeElement type) {
        // Member records, enums and interfaces, and members of interfaces, are implicitly static.
        ElementKind outer = type.getEnclosingElement().getKind();
        return type.getModifiers().contains(Modifier.STATIC) || type.getKind() != ElementKind.CLASS
                || outer.isInterface();
    }

    /**
     * Whether {@code Type::new} compiles in the index: a non-private constructor without
     * parameters that throws no checked exception. Enum constructors are private.
     */
    private boolean constructible(TypeElement type) {
        if (type.getModifiers().contains(Modifier.ABSTRACT) || type.getKind() == ElementKind.ENUM) {
            return false;
        }
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (constructor.getParameters().isEmpty() && !constructor.getModifiers().contains(Modifier.PRIVATE)
                    && constructor.getThrownTypes().stream().allMatch(this::unchecked)) {
                return true;
            }
        }
        return false;
    }

    private boolean unchecked(TypeMirror thrown) {
        return types.isAssignable(thrown, runtimeException) || types.isAssignable(thrown, error);
    }

    /** Whether a class literal of {@code type} compiles in package {@code from}. */
    private boolean accessible(TypeMirror type, PackageElement from) {
        if (type.getKind() == TypeKind.ARRAY) {
            return accessible(((ArrayType) type).getComponentType(), from);
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return true;
        }
        for (Element element = ((DeclaredType) type).asElement(); element instanceof TypeElement enclosing;
                element = enclosing.getEnclosingElement()) {
            Set<Modifier> modifiers = enclosing.getModifiers();
            if (modifiers.contains(Modifier.PRIVATE)
                    || !modifiers.contains(Modifier.PUBLIC) && !elements.getPackageOf(enclosing).equals(from)) {
                return false;
            }
        }
        return true;
    }

    /** The canonical name of an erased type, as written before {@code .class}. */
    private static String literal(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            return literal(((ArrayType) type).getComponentType()) + "[]";
        }
        if (type.getKind() == TypeKind.DECLARED) {
            return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
        }
        return type.toString();
    }

    private void error(TypeElement type, String message) {
        messager.printMessage(Diagnostic.Kind.ERROR, message, type);
    }
}
