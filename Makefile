# make install: the release binary, its man page and its shell completions.
# make uninstall: removes those files again (the folders stay).
#
#   PREFIX   where to install: /usr/local when run as root, else ~/.local
#   DESTDIR  prepended to every installed path, for staged installs (packaging)
#   SWIFT    the swift driver; SWIFTPM_FLAGS extra options for every swift command
#
# The man page is generated from the command definitions (swift-argument-parser's
# generate-manual plugin) and the completions by the built binary itself; both go to
# .build/install/, never into the sources.

SWIFT ?= swift
SWIFTPM_FLAGS ?=
ifeq ($(shell id -u),0)
PREFIX ?= /usr/local
else
PREFIX ?= $(HOME)/.local
endif

NAME := handoff-tui
GENERATED := .build/install
# The plugin writes into its own work folder; the page is copied out of it.
MANUAL_OUTPUT := .build/plugins/GenerateManual/outputs/$(NAME)

BIN_DIR := $(DESTDIR)$(PREFIX)/bin
MAN_DIR := $(DESTDIR)$(PREFIX)/share/man/man1
BASH_DIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSH_DIR := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISH_DIR := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

INSTALLED := $(BIN_DIR)/$(NAME) $(MAN_DIR)/$(NAME).1 $(BASH_DIR)/$(NAME) \
	$(ZSH_DIR)/_$(NAME) $(FISH_DIR)/$(NAME).fish

.PHONY: all build install uninstall

all: build

# Always handed to SwiftPM, which knows what is out of date (a no-op build takes seconds).
# The page as generated, but for two lines mdoc reads better otherwise: a blank line between
# paragraphs becomes .Pp (man warns of a blank line), and the footer names the version.
build:
	$(SWIFT) build $(SWIFTPM_FLAGS) -c release --product $(NAME)
	$(SWIFT) package $(SWIFTPM_FLAGS) plugin generate-manual --configuration release
	@mkdir -p $(GENERATED)
	bin=$$($(SWIFT) build $(SWIFTPM_FLAGS) -c release --show-bin-path)/$(NAME) && \
	version=$$("$$bin" --version | cut -d' ' -f1) && \
	sed -e 's/^$$/.Pp/' -e "s/^\.Os$$/.Os \"$(NAME) $$version\"/" \
		$(MANUAL_OUTPUT)/$(NAME).1 > $(GENERATED)/$(NAME).1 && \
	cp "$$bin" $(GENERATED)/$(NAME) && \
	"$$bin" --generate-completion-script bash > $(GENERATED)/$(NAME).bash && \
	"$$bin" --generate-completion-script zsh > $(GENERATED)/_$(NAME) && \
	"$$bin" --generate-completion-script fish > $(GENERATED)/$(NAME).fish

install: build
	install -d $(BIN_DIR) $(MAN_DIR) $(BASH_DIR) $(ZSH_DIR) $(FISH_DIR)
	install -m 755 $(GENERATED)/$(NAME) $(BIN_DIR)/$(NAME)
	install -m 644 $(GENERATED)/$(NAME).1 $(MAN_DIR)/$(NAME).1
	install -m 644 $(GENERATED)/$(NAME).bash $(BASH_DIR)/$(NAME)
	install -m 644 $(GENERATED)/_$(NAME) $(ZSH_DIR)/_$(NAME)
	install -m 644 $(GENERATED)/$(NAME).fish $(FISH_DIR)/$(NAME).fish
	@echo "Installed $(NAME) $$($(BIN_DIR)/$(NAME) --version) in $(BIN_DIR)"

uninstall:
	rm -f $(INSTALLED)
