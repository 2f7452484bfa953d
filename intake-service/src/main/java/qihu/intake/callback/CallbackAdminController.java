package qihu.intake.callback;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import qihu.intake.callback.CallbackDelivery.DeliveryState;
import qihu.support.web.InvalidInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Admins look at answers to channels with their delivery logs, and re-drive dead letters. */
@RestController
@RequestMapping("/api/v1/admin/callbacks")
public class CallbackAdminController {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetters deadLetters;

    public CallbackAdminController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public Flux<CallbackDelivery> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String requestId,
            @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(stateOf(state), channel, requestId, limitOf(limit));
    }

    @GetMapping("/dead-letters")
    public Flux<CallbackDelivery> deadLetters(
            @RequestParam(required = false) String channel, @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(DeliveryState.DEAD, channel, null, limitOf(limit));
    }

    @GetMapping("/{id}")
    public Mono<CallbackDelivery> get(@PathVariable String id) {
        return deadLetters.get(id);
    }

    @PostMapping("/dead-letters/{id}/redrive")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<CallbackDelivery> redrive(@PathVariable String id) {
        return deadLetters.redrive(id);
    }

    @PostMapping("/dead-letters/redrive-all")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<Map<String, Long>> redriveAll(@RequestParam(required = false) String channel) {
        return deadLetters.redriveAll(channel).map(count -> Map.of("redriven", count));
    }

    private static DeliveryState stateOf(String state) {
        if (state == null) {
            return null;
        }
        try {
            return DeliveryState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("state", "must be one of PENDING, DELIVERED, DEAD");
        }
    }

    private static int limitOf(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
