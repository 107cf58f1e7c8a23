package io.ackwatch.job;

/** Names of IPP operation-ids and status-codes (RFC 8011 §5.4.15 and Appendix B, PWG 5100.x, CUPS). */
final class IppNames {
    private IppNames() {}

    static final int PRINT_JOB = 0x0002;
    static final int PRINT_URI = 0x0003;
    static final int CREATE_JOB = 0x0005;
    static final int SEND_DOCUMENT = 0x0006;
    static final int SEND_URI = 0x0007;

    /** True for the operations that carry (or point to) the document itself. */
    static boolean carriesDocument(int operation) {
        return operation == PRINT_JOB || operation == PRINT_URI || operation == SEND_DOCUMENT || operation == SEND_URI;
    }

    static String operation(int id) {
        return switch (id) {
            case 0x0002 -> "Print-Job";
            case 0x0003 -> "Print-URI";
            case 0x0004 -> "Validate-Job";
            case 0x0005 -> "Create-Job";
            case 0x0006 -> "Send-Document";
            case 0x0007 -> "Send-URI";
            case 0x0008 -> "Cancel-Job";
            case 0x0009 -> "Get-Job-Attributes";
            case 0x000A -> "Get-Jobs";
            case 0x000B -> "Get-Printer-Attributes";
            case 0x000C -> "Hold-Job";
            case 0x000D -> "Release-Job";
            case 0x000E -> "Restart-Job";
            case 0x0010 -> "Pause-Printer";
            case 0x0011 -> "Resume-Printer";
            case 0x0012 -> "Purge-Jobs";
            case 0x0016 -> "Create-Printer-Subscriptions";
            case 0x0017 -> "Create-Job-Subscriptions";
            case 0x0018 -> "Get-Subscription-Attributes";
            case 0x0019 -> "Get-Subscriptions";
            case 0x001A -> "Renew-Subscription";
            case 0x001B -> "Cancel-Subscription";
            case 0x001C -> "Get-Notifications";
            case 0x0022 -> "Enable-Printer";
            case 0x0023 -> "Disable-Printer";
            case 0x0039 -> "Cancel-Current-Job";
            case 0x003B -> "Close-Job";
            case 0x003C -> "Identify-Printer";
            case 0x003D -> "Validate-Document";
            case 0x4001 -> "CUPS-Get-Default";
            case 0x4002 -> "CUPS-Get-Printers";
            case 0x4003 -> "CUPS-Add-Modify-Printer";
            case 0x4004 -> "CUPS-Delete-Printer";
            case 0x4005 -> "CUPS-Get-Classes";
            case 0x4008 -> "CUPS-Accept-Jobs";
            case 0x4009 -> "CUPS-Reject-Jobs";
            case 0x400A -> "CUPS-Set-Default";
            case 0x400B -> "CUPS-Get-Devices";
            case 0x400C -> "CUPS-Get-PPDs";
            case 0x400D -> "CUPS-Move-Job";
            case 0x400E -> "CUPS-Authenticate-Job";
            case 0x400F -> "CUPS-Get-PPD";
            case 0x4027 -> "CUPS-Get-Document";
            default -> String.format("operation-0x%04X", id);
        };
    }

    /** RFC 8011 §5.3.7; the number itself for a value it does not define. */
    static String jobState(int state) {
        return switch (state) {
            case 3 -> "pending";
            case 4 -> "pending-held";
            case 5 -> "processing";
            case 6 -> "processing-stopped";
            case 7 -> "canceled";
            case 8 -> "aborted";
            case 9 -> "completed";
            default -> Integer.toString(state);
        };
    }

    static boolean successful(int status) {
        return status >= 0x0000 && status <= 0x00ff;
    }

    static String status(int code) {
        return switch (code) {
            case 0x0000 -> "successful-ok";
            case 0x0001 -> "successful-ok-ignored-or-substituted-attributes";
            case 0x0002 -> "successful-ok-conflicting-attributes";
            case 0x0003 -> "successful-ok-ignored-subscriptions";
            case 0x0005 -> "successful-ok-too-many-events";
            case 0x0007 -> "successful-ok-events-complete";
            case 0x0400 -> "client-error-bad-request";
            case 0x0401 -> "client-error-forbidden";
            case 0x0402 -> "client-error-not-authenticated";
            case 0x0403 -> "client-error-not-authorized";
            case 0x0404 -> "client-error-not-possible";
            case 0x0405 -> "client-error-timeout";
            case 0x0406 -> "client-error-not-found";
            case 0x0407 -> "client-error-gone";
            case 0x0408 -> "client-error-request-entity-too-large";
            case 0x0409 -> "client-error-request-value-too-long";
            case 0x040A -> "client-error-document-format-not-supported";
            case 0x040B -> "client-error-attributes-or-values-not-supported";
            case 0x040C -> "client-error-uri-scheme-not-supported";
            case 0x040D -> "client-error-charset-not-supported";
            case 0x040E -> "client-error-conflicting-attributes";
            case 0x040F -> "client-error-compression-not-supported";
            case 0x0410 -> "client-error-compression-error";
            case 0x0411 -> "client-error-document-format-error";
            case 0x0412 -> "client-error-document-access-error";
            case 0x0500 -> "server-error-internal-error";
            case 0x0501 -> "server-error-operation-not-supported";
            case 0x0502 -> "server-error-service-unavailable";
            case 0x0503 -> "server-error-version-not-supported";
            case 0x0504 -> "server-error-device-error";
            case 0x0505 -> "server-error-temporary-error";
            case 0x0506 -> "server-error-not-accepting-jobs";
            case 0x0507 -> "server-error-busy";
            case 0x0508 -> "server-error-job-canceled";
            case 0x0509 -> "server-error-multiple-document-jobs-not-supported";
            default -> String.format("status-0x%04X", code);
        };
    }
}
