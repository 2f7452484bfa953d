package qihu.dispatch.routing;

import qihu.events.OwnerLevel;

/** A node of the region tree (GB/T 2260 code; 9 digits for a township). The city has no parent here. */
public record Region(String code, String name, OwnerLevel level, String parent) {}
