package dev.myelin.spring.boot.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.WebAsyncTask;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Decides content negotiation before the handler runs: when no message converter can write the
 * handler method's body type in a media type the client accepts, the request fails with 406 before
 * any command is sent, where Spring MVC alone would find out only while writing the result of a
 * command that has already committed. Mappings that declare {@code produces} (controllers', Actuator's)
 * are negotiated by Spring MVC's mapping already and are left alone, as are streaming and asynchronous
 * return types and converters that write anything ({@code *}{@code /*}).
 *
 * <p>The writable media types of each handler method are computed once. Thread-safe.
 */
final class ContentNegotiationInterceptor implements HandlerInterceptor {

    private static final List<MediaType> NOT_CHECKED = List.of();

    private final Supplier<List<HttpMessageConverter<?>>> converters;
    private final Supplier<ContentNegotiationManager> negotiation;
    private final Map<HandlerMethod, List<MediaType>> producible = new ConcurrentHashMap<>();

    ContentNegotiationInterceptor(Supplier<List<HttpMessageConverter<?>>> converters,
            Supplier<ContentNegotiationManager> negotiation) {
        this.converters = converters;
        this.negotiation = negotiation;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        if (!(handler instanceof HandlerMethod method)
                || request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE) != null) {
            return true; // not a controller method, or its mapping's produces condition has negotiated already
        }
        List<MediaType> types = producible.computeIfAbsent(method, this::producible);
        String accept = request.getHeader("Accept");
        if (types.isEmpty() || accept == null || accept.contains("*/*")) {
            return true;
        }
        for (MediaType accepted : negotiation.get().resolveMediaTypes(new ServletWebRequest(request))) {
            for (MediaType type : types) {
                if (accepted.isCompatibleWith(type)) {
                    return true;
                }
            }
        }
        throw new HttpMediaTypeNotAcceptableException(types);
    }

    /** The media types the method's body can be written in, or none when the method is not checked. */
    private List<MediaType> producible(HandlerMethod method) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequestMapping.class);
        if (mapping != null && mapping.produces().length > 0) {
            return NOT_CHECKED;
        }
        ResolvableType returned = ResolvableType.forMethodReturnType(method.getMethod());
        Class<?> raw = returned.toClass();
        boolean entity = HttpEntity.class.isAssignableFrom(raw);
        boolean body = method.hasMethodAnnotation(ResponseBody.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class);
        if (!entity && !body || raw == void.class || streamingOrAsync(raw)) {
            return NOT_CHECKED;
        }
        Class<?> bodyType = entity ? returned.as(HttpEntity.class).getGeneric(0).resolve(Object.class) : raw;
        if (streamingOrAsync(bodyType)) {
            return NOT_CHECKED;
        }
        List<MediaType> types = new ArrayList<>();
        for (HttpMessageConverter<?> converter : converters.get()) {
            if (converter.canWrite(bodyType, null)) {
                for (MediaType type : converter.getSupportedMediaTypes(bodyType)) {
                    if (!types.contains(type)) {
                        types.add(type);
                    }
                }
            }
        }
        // A converter for any type (*/*) can answer anything: nothing to refuse.
        return types.stream().anyMatch(type -> type.isWildcardType()) ? NOT_CHECKED : List.copyOf(types);
    }

    private static boolean streamingOrAsync(Class<?> type) {
        return ResponseBodyEmitter.class.isAssignableFrom(type) || StreamingResponseBody.class.isAssignableFrom(type)
                || Callable.class.isAssignableFrom(type) || Future.class.isAssignableFrom(type)
                || DeferredResult.class.isAssignableFrom(type) || WebAsyncTask.class.isAssignableFrom(type)
                || java.util.concurrent.CompletionStage.class.isAssignableFrom(type)
                || org.springframework.core.io.Resource.class.isAssignableFrom(type);
    }
}
