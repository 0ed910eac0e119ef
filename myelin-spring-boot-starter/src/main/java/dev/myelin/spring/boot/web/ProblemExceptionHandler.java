package dev.myelin.spring.boot.web;

import dev.myelin.behaviors.validation.PropertyNaming;
import dev.myelin.core.ConcurrencyConflictException;
import dev.myelin.core.OperationResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns bad input into 4xx {@code application/problem+json} responses naming the field when it is
 * known, and any other exception into a 500 problem that reveals nothing of it. Spring MVC's own
 * exceptions (415, 413, 405...) keep {@link ResponseEntityExceptionHandler}'s problems; unreadable
 * bodies, type mismatches, missing parameters and {@code @Valid} failures get field errors in the
 * shape of {@link OperationResult#validationFailed}. Lowest precedence, so the application's own
 * advice wins. Spring Security's exceptions are rethrown for its filters to answer 401/403.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandler.class);
    private static final boolean JACKSON_3 = ClassUtils.isPresent("tools.jackson.core.JacksonException",
            ProblemExceptionHandler.class.getClassLoader());
    private static final String SECURITY_PACKAGE = "org.springframework.security.";

    private final ResultMapper resultMapper;
    private final PropertyNaming naming;

    ProblemExceptionHandler(ResultMapper resultMapper, PropertyNaming naming) {
        this.resultMapper = resultMapper;
        this.naming = naming;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
                return resultMapper.toResponse(OperationResult.problem(413, "Content Too Large",
                        BodySizeLimitFilter.detail(tooLarge.limit())));
            }
        }
        JacksonProblems.Description description = JACKSON_3 ? JacksonProblems.describe(failure) : null;
        if (description == null) {
            String detail = failure.getMessage() != null && failure.getMessage().startsWith("Required request body is missing")
                    ? "Request body is missing" : "Request body cannot be read";
            return resultMapper.toResponse(OperationResult.badRequest(detail));
        }
        return badRequest(description.detail(), description.field(), description.message());
    }

    /**
     * Writes Spring MVC's own problems (406, 415, 405...) as {@code application/problem+json} whatever
     * the {@code Accept} header says: a 406 for an unreadable {@code Accept} would otherwise go out
     * empty, since writing it would negotiate with the same header again.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail && headers.getContentType() == null) {
            HttpHeaders problemHeaders = new HttpHeaders(headers);
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return super.createResponseEntity(body, problemHeaders, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException failure, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = failure.getPropertyName();
        Class<?> type = failure.getRequiredType();
        String expected = type == null ? "of another type" : "a valid " + type.getSimpleName();
        if (field == null) {
            return resultMapper.toResponse(OperationResult.badRequest("A parameter must be " + expected));
        }
        return badRequest("Parameter '" + field + "' must be " + expected, field, "must be " + expected);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = failure.getParameterName();
        return badRequest("Parameter '" + field + "' is required", field, "is required");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ObjectError error : failure.getBindingResult().getAllErrors()) {
            String field = error instanceof FieldError fieldError ? translate(fieldError.getField()) : "";
            String message = error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
            errors.computeIfAbsent(field, key -> new java.util.ArrayList<>()).add(message);
        }
        return resultMapper.toResponse(OperationResult.validationFailed(errors));
    }

    /**
     * Answers a lost concurrency race that reached the web layer (a command whose result is not an
     * {@code OperationResult}) with a 409 problem: its transaction rolled back, and the client may retry.
     *
     * @param failure the exception
     * @return the 409 problem
     */
    @ExceptionHandler(ConcurrencyConflictException.class)
    ResponseEntity<Object> handleConflict(ConcurrencyConflictException failure) {
        return resultMapper.toResponse(OperationResult.conflict(
                "The request conflicted with a concurrent change and was not applied; retry it."));
    }

    /**
     * Answers any exception that nothing else handled with a 500 problem whose detail says nothing
     * of the exception, which is logged once with its stack trace.
     *
     * @param failure the exception
     * @return the 500 problem
     * @throws Exception Spring Security's exceptions, rethrown for its filters
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception failure) throws Exception {
        if (failure.getClass().getName().startsWith(SECURITY_PACKAGE)) {
            throw failure;
        }
        LOG.error("Unexpected exception while handling a request", failure);
        return resultMapper.toResponse(OperationResult.internalServerError("An unexpected error occurred"));
    }

    private ResponseEntity<Object> badRequest(String detail, String field, String message) {
        if (field == null) {
            return resultMapper.toResponse(OperationResult.badRequest(detail));
        }
        OperationResult<Object> problem = new OperationResult<>(OperationResult.BLANK, "Bad Request", 400, detail, null,
                Map.of(field, List.of(message)), null);
        return resultMapper.toResponse(problem);
    }

    /** Translates each name of a Java property path ({@code pizzaItems[0].pizzaId}), keeping indexes. */
    private String translate(String path) {
        StringBuilder translated = new StringBuilder(path.length() + 8);
        for (String segment : path.split("\\.", -1)) {
            if (translated.length() > 0) {
                translated.append('.');
            }
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            translated.append(name.isEmpty() ? name : naming.translate(name));
            if (bracket >= 0) {
                translated.append(segment, bracket, segment.length());
            }
        }
        return translated.toString();
    }
}
