package dev.qualitygate.report;

/**
 * One part of the HTML report, with an entry in the page's navigation. The report is a list of sections; a new kind
 * of content (such as the delivery runs of an event log) is a new implementation added to that list.
 */
interface Section {
    /** The id of the section element, the target of its navigation link; unique in the page. */
    String id();

    /** The heading, also the text of the navigation link. */
    String title();

    /** Writes the section's content (the page writes the surrounding {@code <section>} and heading). */
    void write(Html html);

    /**
     * CSS rules that depend on this page's content, added to the page's style sheet (whose hash the page's
     * Content-Security-Policy names); none by default.
     */
    default String css() {
        return "";
    }
}
