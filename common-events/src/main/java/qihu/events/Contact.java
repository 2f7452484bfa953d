package qihu.events;

/** The person to call back. Personal data: masked in logs. */
public record Contact(String name, String phone) {}
