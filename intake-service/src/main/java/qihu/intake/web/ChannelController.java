package qihu.intake.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import qihu.intake.channel.ChannelIntake;
import qihu.intake.channel.ChannelIntake.Batch;
import qihu.intake.channel.ChannelIntake.ItemResult;
import qihu.intake.channel.ChannelIntake.Outcome;
import qihu.intake.channel.ChannelIntake.Single;
import qihu.intake.progress.RequestStatusQuery;
import qihu.support.web.FieldViolation;
import reactor.core.publisher.Mono;

/**
 * Each channel posts in its own JSON shape (CHANNELS.md). A single request is answered like a canonical one; a
 * batch (a meeting's problems, a visit's problems) with one result per item.
 */
@RestController
@RequestMapping("/api/v1/channels/{channel}/requests")
public class ChannelController {

    static final URI INVALID_INPUT = URI.create("https://qihu.example/problems/invalid-input");

    private final ChannelIntake intake;
    private final RequestStatusQuery status;

    public ChannelController(ChannelIntake intake, RequestStatusQuery status) {
        this.intake = intake;
        this.status = status;
    }

    /**
     * The answer to a batch.
     *
     * @param accepted how many items this call stored
     */
    public record BatchResponse(int accepted, int replayed, int rejected, List<ItemResponse> items) {}

    /** One item's result: for a stored one its request id and status URL, for a rejected one why. */
    public record ItemResponse(
            String ref,
            String channelRequestId,
            Outcome outcome,
            String requestId,
            String caseNumber,
            URI statusUrl,
            List<FieldViolation> errors) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> submit(@PathVariable String channel, @RequestBody(required = false) byte[] body) {
        return intake.receive(channel, body).flatMap(received -> {
            if (received instanceof Single single) {
                return status.withProgress(single.accepted().request())
                        .map(view -> RequestController.accepted(
                                view, single.accepted().replayed()));
            }
            return Mono.just(batchAnswer((Batch) received));
        });
    }

    private static ResponseEntity<?> batchAnswer(Batch batch) {
        List<ItemResponse> items =
                batch.items().stream().map(ChannelController::item).toList();
        if (!batch.anyStored()) {
            // Nothing was taken: a problem, as for a single request, with each item's reasons.
            boolean allConflicts = batch.items().stream().allMatch(i -> i.outcome() == Outcome.CONFLICT);
            HttpStatus status = allConflicts ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "no item of the batch was accepted");
            if (!allConflicts) {
                problem.setType(INVALID_INPUT);
                problem.setTitle("Invalid input");
            }
            problem.setProperty("errors", batch.errors());
            problem.setProperty("items", items);
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new BatchResponse(
                        count(batch, Outcome.ACCEPTED),
                        count(batch, Outcome.REPLAYED),
                        (int) batch.items().stream().filter(i -> !i.stored()).count(),
                        items));
    }

    private static int count(Batch batch, Outcome outcome) {
        return (int) batch.items().stream().filter(i -> i.outcome() == outcome).count();
    }

    private static ItemResponse item(ItemResult result) {
        if (!result.stored()) {
            return new ItemResponse(
                    result.ref(), result.channelRequestId(), result.outcome(), null, null, null, result.errors());
        }
        var request = result.accepted().request();
        return new ItemResponse(
                result.ref(),
                result.channelRequestId(),
                result.outcome(),
                request.requestId(),
                request.caseNumber(),
                RequestController.statusUrl(request.requestId()),
                List.of());
    }
}
