package qihu.intake.web;

/** A channel signed a request that claims to come from another channel; answered as 403. */
public class ForeignChannelException extends RuntimeException {

    private final String claimed;

    public ForeignChannelException(String signer, String claimed) {
        super("Channel " + signer + " may not submit requests of channel " + claimed + ".");
        this.claimed = claimed;
    }

    public String claimed() {
        return claimed;
    }
}
