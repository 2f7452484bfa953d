package qihu.intake.open311;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.FormHttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import qihu.intake.open311.Open311Properties.ServiceBoard;
import qihu.intake.security.ChannelRateLimiter;
import qihu.support.StoreOutage;
import qihu.support.web.ConflictException;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import qihu.support.web.NotFoundException;
import reactor.core.publisher.Mono;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), the standard interface some channel systems speak:
 * the service boards as services, requests posted as forms with an {@code api_key} (no signature), and read back with
 * their status. Every answer is JSON or XML by the path's suffix, refusals too, in the spec's error list.
 */
@RestController
public class Open311Controller {

    static final String BASE = "/open311/v2";

    /** What the service's problem handler also answers when the store is away. */
    private static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);

    private static final FormHttpMessageReader FORM_READER = new FormHttpMessageReader();
    private static final ResolvableType FORM_TYPE =
            ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, String.class);

    private final Open311Requests requests;
    private final ServiceCatalogue catalogue;
    private final ApiKeys apiKeys;
    private final ChannelRateLimiter rateLimiter;
    private final Open311Properties properties;
    private final Clock clock;

    Open311Controller(
            Open311Requests requests,
            ServiceCatalogue catalogue,
            ApiKeys apiKeys,
            ChannelRateLimiter rateLimiter,
            Open311Properties properties,
            Clock clock) {
        this.requests = requests;
        this.catalogue = catalogue;
        this.apiKeys = apiKeys;
        this.rateLimiter = rateLimiter;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping(BASE + "/services.{format}")
    public Mono<ResponseEntity<byte[]>> services(@PathVariable String format, ServerWebExchange exchange) {
        return answer(format, out -> {
            jurisdiction(query(exchange));
            List<Map<String, Object>> services =
                    catalogue.services().stream().map(Open311Views::service).toList();
            return Mono.just(ok(out, "services", services));
        });
    }

    @GetMapping(BASE + "/services/{serviceCode}.{format}")
    public Mono<ResponseEntity<byte[]>> definition(
            @PathVariable String serviceCode, @PathVariable String format, ServerWebExchange exchange) {
        return answer(format, out -> {
            jurisdiction(query(exchange));
            return Mono.just(ok(out, "service_definition", Open311Views.definition(service(serviceCode))));
        });
    }

    @PostMapping(BASE + "/requests.{format}")
    public Mono<ResponseEntity<byte[]>> submit(@PathVariable String format, ServerWebExchange exchange) {
        return answer(
                format,
                out -> form(exchange).flatMap(form -> {
                    String channel = channel(form);
                    Duration wait = rateLimiter.take(channel);
                    if (!wait.isZero()) {
                        throw new Open311Exception(
                                HttpStatus.TOO_MANY_REQUESTS,
                                List.of(new FieldViolation(
                                        Open311Form.API_KEY, "sends faster than its channel's limit")),
                                wait);
                    }
                    jurisdiction(form);
                    ServiceBoard service = service(form.value("service_code"));
                    return requests.submit(channel, service, form).map(accepted -> {
                        String requestId = accepted.request().requestId();
                        byte[] body = out.write(
                                "service_requests",
                                List.of(Open311Views.created(
                                        requestId, properties.serviceNotice(), form.value("account_id"))));
                        // A post that meets its earlier copy creates nothing: 200 with the same id.
                        return ResponseEntity.status(accepted.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                                .location(URI.create(BASE + "/requests/" + requestId + "." + format))
                                .contentType(out.mediaType())
                                .body(body);
                    });
                }));
    }

    @GetMapping(BASE + "/requests.{format}")
    public Mono<ResponseEntity<byte[]>> search(@PathVariable String format, ServerWebExchange exchange) {
        return answer(format, out -> {
            Open311Form query = query(exchange);
            String channel = channel(query);
            jurisdiction(query);
            RequestSearch search = RequestSearch.of(
                    query, catalogue, properties.searchWindow(), properties.maxResults(), clock.instant());
            return requests.search(channel, search)
                    .map(this::requestView)
                    .collectList()
                    .map(found -> ok(out, "service_requests", found));
        });
    }

    @GetMapping(BASE + "/requests/{requestId}.{format}")
    public Mono<ResponseEntity<byte[]>> one(
            @PathVariable String requestId, @PathVariable String format, ServerWebExchange exchange) {
        return answer(format, out -> {
            Open311Form query = query(exchange);
            String channel = channel(query);
            jurisdiction(query);
            return requests.one(channel, requestId)
                    .map(found -> ok(out, "service_requests", List.of(requestView(found))));
        });
    }

    /** Anything else under /open311: a 404 in Open311's terms rather than the service's own. */
    @RequestMapping("/open311/**")
    public ResponseEntity<byte[]> elsewhere(ServerHttpRequest request) {
        Open311Format out = request.getPath().value().endsWith(".xml") ? Open311Format.XML : Open311Format.JSON;
        return refused(
                out,
                Open311Exception.notFound(
                        null,
                        "No such Open311 resource: " + request.getMethod() + " "
                                + request.getPath().value()
                                + ". This endpoint serves GET " + BASE + "/services.{json|xml}, GET " + BASE
                                + "/services/{service_code}.{json|xml}, POST and GET " + BASE
                                + "/requests.{json|xml}, GET " + BASE + "/requests/{service_request_id}.{json|xml}."));
    }

    private Map<String, Object> requestView(Open311Views.Found found) {
        return Open311Views.request(found, catalogue, properties.serviceNotice());
    }

    /** Runs one call in the format of its suffix; every refusal is answered in that format. */
    private static Mono<ResponseEntity<byte[]>> answer(
            String suffix, Function<Open311Format, Mono<ResponseEntity<byte[]>>> call) {
        Optional<Open311Format> format = Open311Format.of(suffix);
        if (format.isEmpty()) {
            return Mono.just(refused(
                    Open311Format.JSON,
                    Open311Exception.notFound("format", "'" + suffix + "' is not a format; use .json or .xml")));
        }
        Open311Format out = format.get();
        return Mono.defer(() -> call.apply(out))
                .onErrorResume(error -> refusal(error)
                        .map(refusal -> Mono.just(refused(out, refusal)))
                        .orElseGet(() -> Mono.error(error)));
    }

    /** The failures a caller can cause or should know about, in Open311's terms; anything else is not answered here. */
    private static Optional<Open311Exception> refusal(Throwable error) {
        if (error instanceof Open311Exception open311) {
            return Optional.of(open311);
        }
        if (error instanceof InvalidInputException invalid) {
            return Optional.of(new Open311Exception(HttpStatus.BAD_REQUEST, invalid.violations(), null));
        }
        if (error instanceof ConflictException conflict) {
            return Optional.of(new Open311Exception(
                    HttpStatus.CONFLICT,
                    Open311Mapper.attribute(ServiceCatalogue.CLIENT_REQUEST_ID),
                    conflict.getMessage()));
        }
        if (error instanceof NotFoundException notFound) {
            return Optional.of(new Open311Exception(HttpStatus.NOT_FOUND, null, notFound.getMessage()));
        }
        if (StoreOutage.isCause(error)) {
            return Optional.of(new Open311Exception(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    List.of(new FieldViolation(null, "The store is unavailable; nothing was accepted. Retry later.")),
                    STORE_RETRY_AFTER));
        }
        return Optional.empty();
    }

    private static ResponseEntity<byte[]> refused(Open311Format out, Open311Exception refusal) {
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(refusal.status()).contentType(out.mediaType());
        if (refusal.retryAfter() != null) {
            // Whole seconds, at least one.
            answer.header(
                    HttpHeaders.RETRY_AFTER,
                    String.valueOf(Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000)));
        }
        return answer.body(
                out.write("errors", Open311Views.errors(refusal.status().value(), refusal.errors())));
    }

    private static ResponseEntity<byte[]> ok(Open311Format out, String root, Object body) {
        return ResponseEntity.ok().contentType(out.mediaType()).body(out.write(root, body));
    }

    /** The channel the key belongs to; without a valid key, 403. */
    private String channel(Open311Form form) {
        String key = form.value(Open311Form.API_KEY);
        if (key == null) {
            throw Open311Exception.forbidden(Open311Form.API_KEY, "is required");
        }
        return apiKeys.channelOf(key)
                .orElseThrow(() -> Open311Exception.forbidden(Open311Form.API_KEY, "is not a valid key"));
    }

    /** The spec's optional {@code jurisdiction_id}: when given, it must be the one served here. */
    private void jurisdiction(Open311Form form) {
        String jurisdiction = form.value("jurisdiction_id");
        if (jurisdiction != null && !jurisdiction.equals(properties.jurisdictionId())) {
            throw Open311Exception.notFound(
                    "jurisdiction_id",
                    "'" + jurisdiction + "' is not served here; this endpoint serves " + properties.jurisdictionId());
        }
    }

    private ServiceBoard service(String code) {
        if (code == null || code.isBlank()) {
            throw Open311Exception.badRequest("service_code", "is required");
        }
        return catalogue
                .find(code.strip())
                .orElseThrow(() -> Open311Exception.notFound(
                        "service_code", "'" + code + "' is not a service code (see services.json)"));
    }

    private static Open311Form query(ServerWebExchange exchange) {
        return new Open311Form(exchange.getRequest().getQueryParams());
    }

    /**
     * The form of a post, with the query's parameters under it. Read from the request the body size limit watches,
     * so an oversized form is refused (413) like any other body.
     */
    private static Mono<Open311Form> form(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        Map<String, List<String>> params = new LinkedHashMap<>(request.getQueryParams());
        MediaType type = request.getHeaders().getContentType();
        if (type == null) {
            return Mono.just(new Open311Form(params));
        }
        if (!MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return Mono.error(Open311Exception.badRequest(
                    HttpHeaders.CONTENT_TYPE, "must be application/x-www-form-urlencoded; charset=utf-8"));
        }
        return FORM_READER
                .readMono(FORM_TYPE, request, Map.of())
                .map(form -> {
                    params.putAll(form);
                    return new Open311Form(params);
                })
                .defaultIfEmpty(new Open311Form(params));
    }
}
