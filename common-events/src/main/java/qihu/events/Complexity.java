package qihu.events;

/** How hard a case is; decides its working-day budget (general 3, complex 7) and the level that owns it. */
public enum Complexity {
    GENERAL,
    COMPLEX,
    MAJOR
}
