# Installed by the deb as /etc/apparmor.d/${executable} (electron-builder's after-install script loads it).
# Ubuntu 23.10+ restricts unprivileged user namespaces to programs whose AppArmor profile allows them; Chromium's
# sandbox needs them. This profile confines nothing else (unconfined) and grants only `userns` to the installed
# binary: the sandbox stays on. abi 4.0 is AppArmor 4 (Ubuntu 24.04); older AppArmor rejects the profile in the
# after-install's dry run and it is skipped — those releases do not restrict user namespaces.
abi <abi/4.0>,
include <tunables/global>

profile ${executable} "/opt/${sanitizedProductName}/${executable}" flags=(unconfined) {
  userns,

  # Site-specific additions and overrides. See local/README for details.
  include if exists <local/${executable}>
}
