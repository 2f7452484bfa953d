package qihu.dispatch.routing;

/** Where a case goes: the owning department and the region and level it sits at. */
public record Assignment(Department department, Region region) {}
