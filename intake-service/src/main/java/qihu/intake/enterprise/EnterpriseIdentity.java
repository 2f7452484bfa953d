package qihu.intake.enterprise;

/** How intake knows which enterprise raised a request. */
public enum EnterpriseIdentity {
    /** The channel sent a valid 统一社会信用代码. */
    CREDIT_CODE,
    /** The channel sent only a name, found (once, exactly after normalising) in the enterprise directory. */
    NAME_MATCHED,
    /**
     * Only a name, not found in the directory (or found for several enterprises). Accepted without a credit code:
     * triage never merges such a request, and it needs a person to identify the enterprise (manual triage).
     */
    UNRESOLVED
}
