package io.sieve.cli;

import io.sieve.config.SieveConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve rollout promote|rollback}: an operator's decision on the canary of a running server. */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Promote or roll back the bundle on trial (rollout.canary) of a running server, through its admin API.")
final class RolloutCommand implements Callable<Integer> {
    enum Decision { promote, rollback }

    @Mixin
    CommonOptions common;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DECISION", description = "promote (serve the canary to everyone) or rollback (serve the stable bundle again).")
    Decision decision;

    @Option(names = "--url", paramLabel = "URL", description = "The server. Default: server.host and server.port of the configuration.")
    String url;

    @Option(names = "--key-env", paramLabel = "VARIABLE", description = "Environment variable holding an API key with the admin scope.")
    String keyEnv;

    @Option(names = "--reason", description = "Why, for the decision log.")
    String reason;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SieveConfig config = common.config();
        String base = url != null ? url : "http://" + config.server().host() + ":" + config.server().port();
        String target = base + "/v1/admin/rollout/" + decision
                + (reason == null ? "" : "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).POST(HttpRequest.BodyPublishers.noBody());
        if (keyEnv != null) {
            String key = System.getenv(keyEnv);
            if (key == null || key.isBlank()) {
                throw new UserError("the environment variable " + keyEnv + " holds no key");
            }
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UserError("cannot reach the server at " + base + ": " + e.getMessage());
        }
        if (response.statusCode() != 200) {
            throw new UserError(decision + " refused (" + response.statusCode() + "): " + response.body());
        }
        spec.commandLine().getOut().println(response.body());
        return 0;
    }
}
