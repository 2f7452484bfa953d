package qihu.intake.channel;

import java.util.List;
import org.springframework.stereotype.Service;
import qihu.intake.request.RequestAcceptance;
import qihu.intake.request.RequestAcceptance.Accepted;
import qihu.support.web.ConflictException;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Takes a channel's native payload: the channel's adapter maps it, and each request in it is accepted on its own. A
 * batch is all-or-nothing per item: every item is stored whole or not at all, and the channel learns which. Only an
 * unreachable store fails the whole call (503): items stored before it are replayed when the channel re-sends.
 */
@Service
public class ChannelIntake {

    private final ChannelAdapters adapters;
    private final RequestAcceptance acceptance;

    public ChannelIntake(ChannelAdapters adapters, RequestAcceptance acceptance) {
        this.adapters = adapters;
        this.acceptance = acceptance;
    }

    /** What became of a channel's payload. */
    public sealed interface Received {}

    /** A single request, accepted (stored now or earlier). Invalid or conflicting ones fail the call instead. */
    public record Single(Accepted accepted) implements Received {}

    /** Every item of a batch, in the order sent. */
    public record Batch(List<ItemResult> items) implements Received {

        public boolean anyStored() {
            return items.stream().anyMatch(ItemResult::stored);
        }

        public List<FieldViolation> errors() {
            return items.stream().flatMap(item -> item.errors().stream()).toList();
        }
    }

    public enum Outcome {
        /** Stored by this call. */
        ACCEPTED,
        /** Stored by an earlier call with the same item: nothing new. */
        REPLAYED,
        /** Not stored: see the errors. */
        INVALID,
        /** Not stored: the item's id was already used for a different problem. */
        CONFLICT
    }

    /**
     * @param ref the item's number in the channel's batch
     * @param accepted the stored request, for {@code ACCEPTED} and {@code REPLAYED}
     */
    public record ItemResult(
            String ref, String channelRequestId, Outcome outcome, Accepted accepted, List<FieldViolation> errors) {

        public boolean stored() {
            return outcome == Outcome.ACCEPTED || outcome == Outcome.REPLAYED;
        }
    }

    public Mono<Received> receive(String channel, byte[] body) {
        ChannelAdapters.Payload payload;
        try {
            payload = adapters.read(channel, body);
        } catch (RuntimeException e) {
            return Mono.error(e);
        }
        if (!payload.batch()) {
            ChannelItem item = payload.items().get(0);
            return acceptance
                    .accept(item.request(), item.names(), item.violations())
                    .map(Single::new);
        }
        // One item after another: a re-sent batch meets its earlier items in the same order.
        return Flux.fromIterable(payload.items())
                .concatMap(this::acceptItem)
                .collectList()
                .map(Batch::new);
    }

    private Mono<ItemResult> acceptItem(ChannelItem item) {
        String channelRequestId = item.request().channelRequestId();
        return acceptance
                .accept(item.request(), item.names(), item.violations())
                .map(accepted -> new ItemResult(
                        item.ref(),
                        channelRequestId,
                        accepted.replayed() ? Outcome.REPLAYED : Outcome.ACCEPTED,
                        accepted,
                        List.of()))
                .onErrorResume(
                        InvalidInputException.class,
                        invalid -> Mono.just(new ItemResult(
                                item.ref(), channelRequestId, Outcome.INVALID, null, invalid.violations())))
                .onErrorResume(
                        ConflictException.class,
                        conflict -> Mono.just(new ItemResult(
                                item.ref(),
                                channelRequestId,
                                Outcome.CONFLICT,
                                null,
                                List.of(new FieldViolation(
                                        item.names().channelName("channelRequestId"), conflict.getMessage())))));
    }
}
