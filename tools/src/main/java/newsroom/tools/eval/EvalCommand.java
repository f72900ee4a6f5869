package newsroom.tools.eval;

import picocli.CommandLine.Command;

/** {@code ./newsroom eval …}: quality on labelled data. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure quality on a labelled dataset.",
    subcommands = {ExtractionEval.class, NerEval.class, LinkingEval.class, StoriesEval.class, TopicsEval.class})
public final class EvalCommand {
}
