package main

import (
	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/web"
)

// oidcFlags configure sign-in to the web pages with an OpenID Connect
// provider (docs/web.md).
func oidcFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "oidc-issuer", Sources: cli.EnvVars("VIGIL_OIDC_ISSUER"),
			Usage: "offer sign-in to the web pages with this OpenID Connect provider (its issuer URL)"},
		&cli.StringFlag{Name: "oidc-client-id", Sources: cli.EnvVars("VIGIL_OIDC_CLIENT_ID"), Usage: "Vigil's client id at the provider"},
		&cli.StringFlag{Name: "oidc-client-secret", Sources: cli.EnvVars("VIGIL_OIDC_CLIENT_SECRET"), Usage: "Vigil's client secret at the provider"},
		&cli.StringFlag{Name: "oidc-redirect-url", Sources: cli.EnvVars("VIGIL_OIDC_REDIRECT_URL"),
			Usage: "this server's /signin/oidc/callback as browsers reach it, registered with the provider"},
		&cli.StringFlag{Name: "oidc-name", Value: "single sign-on", Sources: cli.EnvVars("VIGIL_OIDC_NAME"), Usage: "the provider's name on the sign-in page"},
		&cli.StringFlag{Name: "oidc-username-claim", Value: "preferred_username", Sources: cli.EnvVars("VIGIL_OIDC_USERNAME_CLAIM"),
			Usage: "the ID token claim that holds the Vigil user name"},
	}
}

func oidcConfig(cmd *cli.Command) *web.OIDC {
	if cmd.String("oidc-issuer") == "" {
		return nil
	}
	return &web.OIDC{Name: cmd.String("oidc-name"), Issuer: cmd.String("oidc-issuer"), ClientID: cmd.String("oidc-client-id"),
		ClientSecret: cmd.String("oidc-client-secret"), RedirectURL: cmd.String("oidc-redirect-url"), UsernameClaim: cmd.String("oidc-username-claim")}
}
