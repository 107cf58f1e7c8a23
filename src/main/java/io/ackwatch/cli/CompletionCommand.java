package io.ackwatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ackwatch completion}: the bash/zsh completion script that picocli's {@code AutoComplete} generated from
 * these command classes when the jar was built (see pom.xml), so that it never lags behind the options.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the bash and zsh completion script for ackwatch.",
            "Install (ackwatch on the PATH): ackwatch completion >> ~/.bashrc",
            "zsh: add 'autoload -U +X bashcompinit && bashcompinit' before it in ~/.zshrc."})
final class CompletionCommand implements Callable<Integer> {
    static final String RESOURCE = "ackwatch_completion";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (InputStream in = CompletionCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the completion script is missing from this build (mvn package generates it)");
            }
            spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
