#!/usr/bin/env bash
# Draws README's picture of the sample's page (docs/sample-page.png) anew: runs the sample,
# places an order in headless Chromium (Debian's chromium and chromium-driver) and saves the
# page as SamplePageBrowserIntegrationTests draws it. Run it when the page changed on purpose;
# every build's run of that test fails when the picture no longer looks like the page.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
	echo "Needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)" >&2
	exit 1
fi

./mvnw -B -ntp -pl sample-app -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
	-Dit.test=SamplePageBrowserIntegrationTests -Dfailsafe.failIfNoSpecifiedTests=false \
	-Dinvoker.skip=true -Dsample-page.update=true

echo "docs/sample-page.png drawn anew ($(git diff --quiet -- docs/sample-page.png && echo unchanged || echo changed))"
