package qihu.events;

/** A reference to a file held by the channel system; Qihu stores the reference, not the file. */
public record Attachment(String name, String uri) {}
