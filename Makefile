# netfuzz: one entry point for every build configuration.
#
#   make                                  bin/netfuzz + every target, libFuzzer + ASan + UBSan
#   make ENGINE=E SANITIZER=S             into build/E-S/ (E: libfuzzer afl standalone coverage;
#                                         S: address (ASan+UBSan) undefined memory none)
#   make check                            unit tests, corpus/regression replay, tests/check.d
#   make check-campaign                   tests/campaign.d: tests that start fuzzing campaigns
#   make fuzz [FUZZ_SECONDS=N]            bin/netfuzz fuzz: short campaign over every target
#   make coverage                         llvm-cov HTML + per-target summary (out/coverage/)
#   make oss-fuzz-check                   OSS-Fuzz build + bad_build_check, locally
#   SANITIZER=memory builds link MSan builds of the libraries (ci/build-deps.sh)
#   DEPS=instrumented|system              libraries the targets link: instrumented
#                                         (default for libfuzzer, afl, coverage:
#                                         OpenSSL, libpcap, libmnl, jansson built
#                                         from source with the configuration's
#                                         sanitizer + coverage flags, cached per
#                                         machine) or system (the quick build;
#                                         default for standalone, so make check
#                                         stays fast).  bin/netfuzz: always system.
#   make libs                             build/fetch the configuration's libraries
#                                         and print which are instrumented
#
# With OSS-Fuzz's variables set ($LIB_FUZZING_ENGINE, $CC, $CFLAGS, $OUT) the
# targets are built with exactly those and written to $OUT; no sanitizer
# flags are added here.

ENGINE    ?= libfuzzer
SANITIZER ?= address
V         ?= 0
Q         := $(if $(filter 1,$(V)),,@)

SRCS         := $(sort $(wildcard src/*/*.c))
TARGET_SRCS  := $(sort $(wildcard targets/*.c)) $(EXTRA_TARGET_SRCS)
TARGETS      := $(basename $(notdir $(TARGET_SRCS)))
CLI_SRCS     := $(sort $(wildcard harness/*.c harness/*/*.c))
TEST_SRCS    := $(sort $(wildcard tests/unit/test_*.c))

LIBS      := -lpcap -lssl -lcrypto -lmnl -ljansson -lm
WARN      := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror=incompatible-pointer-types
# issue 26: a printf-family call whose arguments do not match its format
# (row 11: 10 conversions, 11 arguments) or a non-literal format fails the
# build; clang 17+ also checks snprintf truncation it can prove.
WARN      += -Wformat=2 -Werror=format -Werror=format-security -Werror=format-nonliteral \
             -Werror=format-insufficient-args -Werror=fortify-source \
             $(shell clang -Werror=unknown-warning-option -Wformat-truncation -fsyntax-only -x c /dev/null \
                 >/dev/null 2>&1 && echo -Werror=format-truncation -Werror=format-overflow)
CPPFLAGS  := -Iinclude -Itargets -D_GNU_SOURCE

# ---------------------------------------------------------------- configuration
# DEPS: which OpenSSL, libpcap, libmnl, jansson the targets link (see
# "libraries from source" below for why instrumented is the default).
DEPS_DEFAULT_libfuzzer  := instrumented
DEPS_DEFAULT_afl        := instrumented
DEPS_DEFAULT_coverage   := instrumented
DEPS_DEFAULT_standalone := system
DEPS ?= $(or $(DEPS_DEFAULT_$(ENGINE)),system)
ifeq ($(filter instrumented system,$(DEPS)),)
  $(error DEPS must be instrumented or system, not '$(DEPS)')
endif
ifdef LIB_FUZZING_ENGINE
  # OSS-Fuzz / ClusterFuzzLite: their compiler, flags and engine, nothing else.
  # Objects go to $WORK (kept between builds of one configuration), binaries
  # to $OUT; the source tree is not written to.
  ifndef OUT
    $(error OSS-Fuzz mode (LIB_FUZZING_ENGINE set) needs OUT)
  endif
  B          := $(OUT)
  OBJ        := $(or $(WORK),/tmp)/netfuzz-obj
  FCC        := $(CC)
  FCFLAGS    := $(CFLAGS)
  FLDFLAGS   := $(CFLAGS)
  ENGINE_LIB := $(LIB_FUZZING_ENGINE)
  DRIVER_OBJ :=
  MSAN       := $(findstring -fsanitize=memory,$(CFLAGS))
else
  # DEPS other than the engine's default builds into its own directory, so
  # objects compiled against one set of library headers never link with
  # the other set.
  B   := build/$(ENGINE)-$(SANITIZER)$(if $(filter-out $(DEPS_DEFAULT_$(ENGINE)),$(DEPS)),-$(DEPS))
  OBJ := $(B)/obj
  SAN_address   := -fsanitize=address,undefined -fno-sanitize-recover=undefined
  SAN_undefined := -fsanitize=undefined -fno-sanitize-recover=undefined
  SAN_memory    := -fsanitize=memory -fsanitize-memory-track-origins
  SAN_none      :=
  ifeq ($(origin SAN_$(SANITIZER)),undefined)
    $(error SANITIZER must be one of: address undefined memory none)
  endif
  SANFLAGS := $(SAN_$(SANITIZER))
  MSAN     := $(filter memory,$(SANITIZER))
  BASEFLAGS := -g -O1 -fno-omit-frame-pointer -gline-tables-only
  ifeq ($(ENGINE),libfuzzer)
    FCC        := clang
    FCFLAGS    := $(BASEFLAGS) $(SANFLAGS) -fsanitize=fuzzer-no-link
    FLDFLAGS   := $(SANFLAGS) -fsanitize=fuzzer
    ENGINE_LIB :=
  else ifeq ($(ENGINE),afl)
    FCC        := afl-clang-fast
    FCFLAGS    := $(BASEFLAGS) $(SANFLAGS)
    FLDFLAGS   := $(SANFLAGS)
    ENGINE_LIB := /usr/lib/afl/libAFLDriver.a
  else ifeq ($(ENGINE),standalone)
    FCC        := clang
    FCFLAGS    := $(BASEFLAGS) $(SANFLAGS)
    FLDFLAGS   := $(SANFLAGS)
    DRIVER_OBJ := $(OBJ)/targets/driver/standalone.o
  else ifeq ($(ENGINE),coverage)
    FCC        := clang
    FCFLAGS    := -g -O0 $(SANFLAGS) -fprofile-instr-generate -fcoverage-mapping
    FLDFLAGS   := $(SANFLAGS) -fprofile-instr-generate -fcoverage-mapping
    DRIVER_OBJ := $(OBJ)/targets/driver/standalone.o
  else
    $(error ENGINE must be one of: libfuzzer afl standalone coverage)
  endif
endif

LIB_OBJS    := $(patsubst %.c,$(OBJ)/%.o,$(SRCS))
# Build only what a target needs (issue 22).  LIB_USERS: the sources that
# include a third-party header (ci/lib-users.sh); only their objects wait
# for the configuration's instrumented libraries.  NOLIB_TARGETS link no
# third-party library at all (their file says NF_META(id, links, "none")):
# their binaries link libnetfuzz-core.a (the objects of every other source)
# and no -lssl/-lpcap/-lmnl/-ljansson, so building one never waits for
# OpenSSL (a CLI test of --out or of a killed run uses rtmsg_darwin).
# Should one of them come to need a library, its link fails with an
# undefined reference, never quietly takes the system's copy;
# tests/check.d/build_needs.sh checks the lines against the built binaries.
LIB_USERS     := $(shell ci/lib-users.sh $(SRCS) $(TARGET_SRCS) $(wildcard tests/targets/*.c) $(wildcard src/mutate/glue/*.c))
NOLIB_TARGETS := $(basename $(notdir $(shell grep -l '^NF_META([A-Za-z0-9_-]*, *links, *"none")' \
                   $(TARGET_SRCS) $(wildcard tests/targets/*.c))))
CORE_SRCS     := $(filter-out $(LIB_USERS),$(SRCS))

# The output buffer and the streaming JSON writer (src/core/out.c, jsonw.c)
# hold no input-dependent logic, so fuzz builds compile them without
# libFuzzer's coverage and comparison hooks (ASan/UBSan stay) and call them
# out of line (NF_OUT_OUTOFLINE, include/netfuzz/out.h).  Inlined and
# instrumented they took most of a frame target's time: docs/performance.md.
FCFLAGS     += -DNF_OUT_OUTOFLINE
# Fuzzing builds run the printers on a deterministic 1 in 8 of inputs
# (targets/sink.h; measured in docs/performance.md: 1.7x exec/s and no less
# coverage at 10 minutes).  Replay builds (standalone, coverage, and the
# CLI's `netfuzz replay`) print every input, a superset, so every crash a
# campaign finds reproduces there.
ifneq ($(filter libfuzzer afl,$(ENGINE))$(LIB_FUZZING_ENGINE),)
FCFLAGS     += -DNF_SINK_EVERY=8
endif
NOCOV_OBJS  := $(OBJ)/src/core/out.o $(OBJ)/src/core/jsonw.o
$(NOCOV_OBJS): FCFLAGS := $(filter-out -fsanitize=fuzzer-no-link,$(FCFLAGS))
# The cursor and the model builder (src/core/cursor.c, src/frame/packet.c)
# compare lengths with what is left and counts with capacities, never an
# input value with a constant: libFuzzer's comparison hooks there gave it no
# useful hint (no input byte holds "bytes left") and were the largest entry
# of every parser target's profile (proc_net: the cursor 50% of its time,
# nearly all __sanitizer_cov_trace_*cmp*; docs/performance.md).  Their edges
# stay counted; only the comparison hooks go.  The in-loop oracles
# (src/oracle/) likewise compare our model with the other side's answer:
# checkers, not code under test (a naive bit-by-bit prefix scan's hooks were
# 5% of rtmsg_darwin).
NOCMP_OBJS  := $(OBJ)/src/core/cursor.o $(OBJ)/src/frame/packet.o \
               $(patsubst %.c,$(OBJ)/%.o,$(wildcard src/oracle/*.c))
NOCMP_FLAGS := $(if $(findstring -fsanitize=fuzzer-no-link,$(FCFLAGS)),-fno-sanitize-coverage=trace-cmp)
$(NOCMP_OBJS): FCFLAGS += $(NOCMP_FLAGS)
FUZZ_BINS   := $(addprefix $(B)/,$(TARGETS))
CMPLOG_BINS := $(if $(filter afl,$(ENGINE)),$(addsuffix .cmplog,$(FUZZ_BINS)))

# ---------------------------------------------------------------- dependencies
# A missing tool or header runs ci/install-deps.sh, saying what was missing.
ifndef LIB_FUZZING_ENGINE
NEED_CMDS := clang llvm-profdata llvm-cov afl-clang-fast tshark tcpdump zip nft ip
NEED_HDRS := /usr/include/pcap/pcap.h /usr/include/openssl/ssl.h /usr/include/libmnl/libmnl.h \
             /usr/include/jansson.h /usr/include/cmocka.h
MISSING := $(strip $(foreach c,$(NEED_CMDS),$(if $(shell command -v $(c) 2>/dev/null),,$(c))) \
             $(foreach h,$(NEED_HDRS),$(if $(wildcard $(h)),,$(h))))
endif
DEPS_GATE := $(if $(MISSING),deps)
# The CLI and build tools: system headers and libraries, whatever DEPS says.
TOOLS_GATE   := $(DEPS_GATE)
SYS_LIBS     := $(LIBS)
SYS_CPPFLAGS := $(CPPFLAGS)

.SECONDARY:
.PHONY: all targets cli check check-campaign regress fuzz coverage deps clean distclean tests print-targets print-nolib-targets print-mutator-targets
all: $(if $(LIB_FUZZING_ENGINE),,cli) targets
targets: $(FUZZ_BINS) $(CMPLOG_BINS)
cli: bin/netfuzz

deps:
	@echo "netfuzz: missing $(MISSING); running ci/install-deps.sh" >&2
	@ci/install-deps.sh

print-targets:
	@echo $(TARGETS)
print-nolib-targets:
	@echo $(NOLIB_TARGETS)

# ---------------------------------------------------------------- libraries from source
# MemorySanitizer needs every linked library instrumented, and OSS-Fuzz's
# runner image has none of our libraries.  So MSan builds (SANITIZER=memory,
# or -fsanitize=memory in OSS-Fuzz's CFLAGS) and OSS-Fuzz builds given
# DEPS_PREFIX (ci/oss-fuzz/build.sh passes $WORK/deps) compile against and
# statically link OpenSSL, libpcap, libmnl and jansson as built by
# ci/build-deps.sh from the distribution's source packages (cached).
ifneq ($(MSAN),)
  DEPS_PREFIX ?= build/msan-deps
endif
# Instrumented libraries for the fuzzing configurations (issue 14), as
# OSS-Fuzz projects build their dependencies: without them a campaign is
# blind inside OpenSSL and libpcap (x509_der: 449 edges with the system
# OpenSSL, 4,742 with an instrumented one) and ASan cannot see their bugs.
# The library flags are the configuration's memory sanitizer plus its
# coverage instrumentation; UBSan stays on our code only (the libraries'
# own UB is OSS-Fuzz's job, and -fno-sanitize-recover would stop every
# campaign on the first one).  Equal flags share one cache entry:
# standalone-address (DEPS=instrumented) reuses libfuzzer-address's build,
# because -fsanitize=fuzzer-no-link only needs the __sanitizer_cov_* hooks,
# which the ASan runtime defines as weak no-ops without libFuzzer.
# The library flags are, to the byte, OSS-Fuzz's CFLAGS for the matching
# configuration as ci/check-build.sh sets them (config_env), so `make`,
# `make oss-fuzz-check` and .ci/run share one cache entry per sanitizer
# instead of building OpenSSL twice (tests/check.d/libs.sh compares them).
OSSFUZZ_BASE     := -O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
OSSFUZZ_address  := -fsanitize=address -fsanitize-address-use-after-scope
OSSFUZZ_COVERAGE := -fprofile-instr-generate -fcoverage-mapping -pthread -Wl,--no-as-needed -Wl,-ldl -Wl,-lm -Wno-unused-command-line-argument
ifeq ($(DEPS)$(MSAN)$(LIB_FUZZING_ENGINE)$(DEPS_PREFIX),instrumented)
  DEPS_PREFIX   := $(B)/deps
  ifeq ($(ENGINE),afl)
    # AFL++ counts edges with its own pass (trace-pc-guard); libFuzzer's
    # inline 8-bit counters would be invisible to afl-fuzz.
    DEPS_CC    := afl-clang-fast
    DEPS_FLAGS := $(OSSFUZZ_BASE) $(OSSFUZZ_$(SANITIZER)) 
  else ifeq ($(ENGINE),coverage)
    # OSS-Fuzz's coverage build has no sanitizer (SANITIZER=none here).
    DEPS_CC    := clang
    DEPS_FLAGS := $(OSSFUZZ_BASE)  $(OSSFUZZ_COVERAGE)
  else
    DEPS_CC    := clang
    DEPS_FLAGS := $(OSSFUZZ_BASE) $(OSSFUZZ_$(SANITIZER)) -fsanitize=fuzzer-no-link
  endif
  DEPS_ENV := DEPS_CC=$(DEPS_CC) AFL_QUIET=1 DEPS_CFLAGS='$(DEPS_FLAGS)'
endif
.PHONY: print-deps-flags
print-deps-flags:
	@printf '%s\n' '$(DEPS_FLAGS)'

ifneq ($(DEPS_PREFIX),)
  CPPFLAGS += -isystem $(DEPS_PREFIX)/include
  # --as-needed: a library whose source was unavailable or whose build
  # failed (listed in $(DEPS_PREFIX)/STATUS as "system") comes from the
  # system, linked only by the targets that call it.
  LIBS     := -L$(DEPS_PREFIX)/lib -Wl,--as-needed $(LIBS) -ldl -lpthread -Wl,--no-as-needed
  SRC_DEPS_GATE := $(DEPS_PREFIX)/.complete
# After ci/install-deps.sh when something is missing: build-deps needs the
# distribution's -dev headers (libpcap's configure), and under -j2 it would
# otherwise start beside the install and fail.
$(SRC_DEPS_GATE): $(if $(MISSING),deps)
	$(Q)$(DEPS_ENV) ci/build-deps.sh $(if $(MSAN),--msan) $(DEPS_PREFIX)
endif
DEPS_GATE += $(SRC_DEPS_GATE)
# With .SECONDARY every file is secondary, and a missing secondary file is
# not remade while the binaries that depend on it are up to date.  So a
# missing gate (first build, deleted symlink) is made phony: it is built,
# and every target relinks against the libraries it brings.
ifneq ($(SRC_DEPS_GATE),)
ifeq ($(wildcard $(SRC_DEPS_GATE)),)
.PHONY: $(SRC_DEPS_GATE)
endif
endif
targets: $(SRC_DEPS_GATE)

# make libs: the libraries of this configuration, then one line saying
# which are instrumented (netfuzz fuzz prints the same line in its header).
# LIBS_FOR="T...": only if one of those targets links a library (netfuzz
# fuzz names the targets it is about to fuzz); else nothing is built.
.PHONY: libs
LIBS_NEEDED := $(if $(LIBS_FOR),$(filter-out $(NOLIB_TARGETS),$(LIBS_FOR)),all)
libs: | $(filter-out $(SRC_DEPS_GATE),$(DEPS_GATE))
	$(if $(and $(SRC_DEPS_GATE),$(LIBS_NEEDED)),$(Q)$(DEPS_ENV) ci/build-deps.sh $(if $(MSAN),--msan) $(DEPS_PREFIX))
	@$(if $(LIBS_NEEDED),,echo "libraries: none linked by $(LIBS_FOR)"; exit 0;) \
	if [ -n "$(DEPS_PREFIX)" ] && [ -f "$(DEPS_PREFIX)/STATUS" ]; then \
	  echo "libraries: $$(paste -sd, $(DEPS_PREFIX)/STATUS | sed 's/,/, /g')"; \
	else echo "libraries: system (DEPS=$(DEPS))"; fi

# ---------------------------------------------------------------- fuzz targets
$(OBJ)/%.o: %.c | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)$(FCC) $(CPPFLAGS) $(WARN) $(FCFLAGS) -MMD -MP -c $< -o $@

# Targets compile with NF_FUZZ_BINARY: NF_TARGET becomes LLVMFuzzerTestOneInput.
$(OBJ)/fuzz/%.o: targets/%.c | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)$(FCC) $(CPPFLAGS) -DNF_FUZZ_BINARY $(WARN) $(FCFLAGS) -MMD -MP -c $< -o $@
$(OBJ)/fuzz/%.o: tests/targets/%.c | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)$(FCC) $(CPPFLAGS) -DNF_FUZZ_BINARY $(WARN) $(FCFLAGS) -MMD -MP -c $< -o $@

# The driver is plain C: no coverage instrumentation of its own.
$(OBJ)/targets/driver/standalone.o: targets/driver/standalone.c | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)clang $(CPPFLAGS) $(WARN) -g -O1 $(SANFLAGS) -c $< -o $@

# The target registry's table (src/target/registry.c reads it), generated
# from the NF_TARGET/NF_META lines of targets/*.c on every make and
# rewritten only when its text changes; in the library, so src/regress and
# anything else that looks a target up links without harness/.
REG_TABLE := $(OBJ)/gen/targets_table.c
$(REG_TABLE): FORCE
	@mkdir -p $(@D)
	$(Q)ci/gen-target-table.sh $@ $(sort $(wildcard targets/*.c))
$(OBJ)/gen/targets_table.o: $(REG_TABLE) include/netfuzz/target.h | $(TOOLS_GATE)
	$(Q)$(FCC) $(CPPFLAGS) $(WARN) $(FCFLAGS) -c $< -o $@

$(OBJ)/libnetfuzz.a: $(LIB_OBJS) $(OBJ)/gen/targets_table.o
	$(Q)rm -f $@ && ar rcs $@ $^
$(OBJ)/libnetfuzz-core.a: $(patsubst %.c,$(OBJ)/%.o,$(CORE_SRCS)) $(OBJ)/gen/targets_table.o
	$(Q)rm -f $@ && ar rcs $@ $^
# The objects that include a library's header wait for its build (they
# compile against its headers: -isystem $(DEPS_PREFIX)/include).
$(patsubst %.c,$(OBJ)/%.o,$(filter $(LIB_USERS),$(SRCS))) \
$(patsubst %.c,$(OBJ)/fuzz/%.o,$(notdir $(filter targets/% tests/targets/%,$(LIB_USERS)))) \
$(patsubst %.c,$(B)/cmplog/obj/%.o,$(filter $(LIB_USERS),$(SRCS))) \
$(patsubst %.c,$(B)/cmplog/obj/fuzz/%.o,$(notdir $(filter targets/% tests/targets/%,$(LIB_USERS)))): | $(DEPS_GATE)

# Structure-aware mutator (issue 13, docs/mutator.md): targets whose parsers
# record structure link LLVMFuzzerCustomMutator/CustomCrossOver.  Only in
# libFuzzer-style binaries (our libFuzzer build and every OSS-Fuzz build,
# where the mutator travels inside the target); NETFUZZ_MUTATOR=bytes turns
# it off at run time.  mutator_selftest drives the core itself.  Which
# targets: those whose file says NF_META(<t>, mutator, "structure").
MUTATOR_TARGETS := $(basename $(notdir $(shell grep -l '^NF_META([A-Za-z0-9_-]*, *mutator, *"structure")' $(TARGET_SRCS) /dev/null)))
MUTATOR_GLUE    := $(OBJ)/mutate-glue/libfuzzer.o
ifneq ($(or $(LIB_FUZZING_ENGINE),$(filter libfuzzer,$(ENGINE))),)
$(addprefix $(B)/,$(filter $(TARGETS),$(MUTATOR_TARGETS))): $(MUTATOR_GLUE)
endif
# The mutator itself runs between executions: no coverage instrumentation
# (its loops' comparisons cost more than the parse it records).
ifneq ($(or $(LIB_FUZZING_ENGINE),$(filter libfuzzer,$(ENGINE))),)
$(OBJ)/src/mutate/%.o $(MUTATOR_GLUE) $(OBJ)/src/core/record.o $(OBJ)/src/frame/pcap_walk.o: FCFLAGS += -fsanitize-coverage-ignorelist=$(CURDIR)/src/mutate/coverage-ignore.txt
endif
$(MUTATOR_GLUE): src/mutate/glue/libfuzzer.c | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)$(FCC) $(CPPFLAGS) $(WARN) $(FCFLAGS) -MMD -MP -c $< -o $@
print-mutator-targets:
	@echo $(filter $(TARGETS),$(MUTATOR_TARGETS))

# AFL++: the same mutator as a custom-mutator library per target
# (AFL_CUSTOM_MUTATOR_LIBRARY), uninstrumented and unsanitized because it
# runs inside afl-fuzz; it parses with the target's own code to record.
ifeq ($(ENGINE),afl)
ifndef LIB_FUZZING_ENGINE
MUT_OBJ := $(B)/mutator-obj
MUT_SOS := $(addprefix $(B)/mutators/,$(addsuffix .so,$(filter $(TARGETS),$(MUTATOR_TARGETS))))
targets: $(MUT_SOS)
$(MUT_OBJ)/%.o: %.c | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)clang $(CPPFLAGS) $(WARN) -O1 -g -fPIC -MMD -MP -c $< -o $@
$(MUT_OBJ)/fuzz/%.o: targets/%.c | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)clang $(CPPFLAGS) -DNF_FUZZ_BINARY $(WARN) -O1 -g -fPIC -MMD -MP -c $< -o $@
$(patsubst %.c,$(MUT_OBJ)/%.o,$(filter $(LIB_USERS),$(SRCS))) \
$(patsubst %.c,$(MUT_OBJ)/fuzz/%.o,$(notdir $(filter targets/%,$(LIB_USERS)))): | $(DEPS_GATE)
$(MUT_OBJ)/libnetfuzz-pic.a: $(patsubst %.c,$(MUT_OBJ)/%.o,$(SRCS))
	$(Q)rm -f $@ && ar rcs $@ $^
$(MUT_OBJ)/libnetfuzz-pic-core.a: $(patsubst %.c,$(MUT_OBJ)/%.o,$(CORE_SRCS))
	$(Q)rm -f $@ && ar rcs $@ $^
# The system libraries: this .so is built without sanitizers, and the
# instrumented ones (DEPS=instrumented, the AFL default) need the ASan
# runtime, which afl-fuzz does not carry (the link failed on every target).
$(B)/mutators/%.so: $(MUT_OBJ)/fuzz/%.o $(MUT_OBJ)/src/mutate/glue/afl.o $(MUT_OBJ)/libnetfuzz-pic.a
	@mkdir -p $(@D)
	@echo "  LD  $@"
	$(Q)clang -shared -Wl,--no-undefined $^ $(SYS_LIBS) -o $@
$(addprefix $(B)/mutators/,$(addsuffix .so,$(NOLIB_TARGETS))): $(B)/mutators/%.so: $(MUT_OBJ)/fuzz/%.o $(MUT_OBJ)/src/mutate/glue/afl.o $(MUT_OBJ)/libnetfuzz-pic-core.a
	@mkdir -p $(@D)
	@echo "  LD  $@"
	$(Q)clang -shared -Wl,--no-undefined $^ -lm -o $@
endif
endif

# The libraries' gate is a prerequisite of the link too: objects can be up
# to date while the cache entry is new or missing (new flags or versions, a
# deleted symlink); the link must then wait for it and redo, not keep or
# quietly take the system's libraries.
$(B)/%: $(OBJ)/fuzz/%.o $(DRIVER_OBJ) $(OBJ)/libnetfuzz.a $(SRC_DEPS_GATE) | $(DEPS_GATE)
	@mkdir -p $(@D)
	@echo "  LD  $@"
	$(Q)$(FCC) $(FLDFLAGS) $(filter %.o,$^) $(filter %.a,$^) $(ENGINE_LIB) $(LIBS) -o $@
# A target that links no third-party library: the core archive, no gate.
$(addprefix $(B)/,$(NOLIB_TARGETS)): $(B)/%: $(OBJ)/fuzz/%.o $(DRIVER_OBJ) $(OBJ)/libnetfuzz-core.a | $(TOOLS_GATE)
	@mkdir -p $(@D)
	@echo "  LD  $@"
	$(Q)$(FCC) $(FLDFLAGS) $(filter %.o,$^) $(filter %.a,$^) $(ENGINE_LIB) -lm -o $@

# AFL++ CMPLOG variant (afl-fuzz -c): same sources, compare logging on.
$(B)/cmplog/obj/%.o: %.c | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)AFL_LLVM_CMPLOG=1 AFL_QUIET=1 $(FCC) $(CPPFLAGS) $(WARN) $(FCFLAGS) -MMD -MP -c $< -o $@
$(B)/cmplog/obj/fuzz/%.o: targets/%.c | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)AFL_LLVM_CMPLOG=1 AFL_QUIET=1 $(FCC) $(CPPFLAGS) -DNF_FUZZ_BINARY $(WARN) $(FCFLAGS) -MMD -MP -c $< -o $@
$(B)/cmplog/libnetfuzz.a: $(patsubst %.c,$(B)/cmplog/obj/%.o,$(SRCS))
	$(Q)rm -f $@ && ar rcs $@ $^
$(B)/cmplog/libnetfuzz-core.a: $(patsubst %.c,$(B)/cmplog/obj/%.o,$(CORE_SRCS))
	$(Q)rm -f $@ && ar rcs $@ $^
$(B)/%.cmplog: $(B)/cmplog/obj/fuzz/%.o $(B)/cmplog/libnetfuzz.a $(SRC_DEPS_GATE) | $(DEPS_GATE)
	@echo "  LD  $@"
	$(Q)AFL_LLVM_CMPLOG=1 AFL_QUIET=1 $(FCC) $(FLDFLAGS) $(filter %.o %.a,$^) $(ENGINE_LIB) $(LIBS) -o $@
$(addprefix $(B)/,$(addsuffix .cmplog,$(NOLIB_TARGETS))): $(B)/%.cmplog: $(B)/cmplog/obj/fuzz/%.o $(B)/cmplog/libnetfuzz-core.a | $(TOOLS_GATE)
	@echo "  LD  $@"
	$(Q)AFL_LLVM_CMPLOG=1 AFL_QUIET=1 $(FCC) $(FLDFLAGS) $(filter %.o %.a,$^) $(ENGINE_LIB) -lm -o $@

# ---------------------------------------------------------------- the CLI
# bin/netfuzz is the tool people run on captures: optimised, hardened, no
# sanitizers.  It links no target bodies: the NF_TARGET/NF_META lines of
# targets/*.c become a table (build/cli/targets.c) that the registry
# (src/target/) gives `netfuzz list`, corpus, fuzz and regress; inputs run
# in the built target binaries.
CLI_OBJ   := build/cli/obj
CLI_TABLE := build/cli/targets.c
CLI_FLAGS := -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fno-strict-aliasing
# (frame issue) LTO: lets the cursor getters inline into the dissectors (bench/dissect.sh).
CLI_FLAGS += -flto -fuse-ld=lld -Wno-unused-command-line-argument
CLI_OBJS  := $(patsubst %.c,$(CLI_OBJ)/%.o,$(SRCS) $(CLI_SRCS) $(sort $(wildcard regressions/os/*.c))) \
             $(CLI_OBJ)/targets_table.o

# Regenerated on every make (a target may be added or removed), rewritten
# only when its text changes.
$(CLI_TABLE): FORCE
	@mkdir -p $(@D)
	$(Q)ci/gen-target-table.sh $@ $(sort $(wildcard targets/*.c))
$(CLI_OBJ)/targets_table.o: $(CLI_TABLE) include/netfuzz/target.h | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)clang $(CPPFLAGS) $(WARN) $(CLI_FLAGS) -c $< -o $@
.PHONY: FORCE
FORCE:

# harness/cli.h is the command's own header, not a library's: only
# harness/ sees it.
$(CLI_OBJ)/harness/%.o: SYS_CPPFLAGS += -Iharness
$(CLI_OBJ)/%.o: %.c | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)clang $(SYS_CPPFLAGS) $(WARN) $(CLI_FLAGS) -MMD -MP -c $< -o $@

# netfuzz --version: the version and the commit the binary was built from,
# in a generated header rewritten only when they change (so an unchanged
# tree rebuilds nothing).  "-dirty": built with uncommitted changes.
NF_VERSION := 0.1.0
NF_GIT_COMMIT = $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(shell git diff --quiet HEAD -- 2>/dev/null || echo -dirty)
build/cli/version.h: FORCE
	@mkdir -p $(@D)
	@printf '#define NF_VERSION "%s"\n#define NF_GIT_COMMIT "%s"\n' '$(NF_VERSION)' '$(NF_GIT_COMMIT)' >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
$(CLI_OBJ)/harness/cmd_version.o: build/cli/version.h
$(CLI_OBJ)/harness/cmd_version.o: SYS_CPPFLAGS += -Ibuild/cli

bin/netfuzz: $(CLI_OBJS)
	@mkdir -p $(@D)
	@echo "  LD  $@"
	$(Q)clang $(CLI_FLAGS) $^ $(SYS_LIBS) -o $@

# ---------------------------------------------------------------- tests
# Unit tests link the standalone ASan+UBSan library (no fuzzer runtime).
TEST_B    := build/standalone-address
TEST_BINS := $(patsubst tests/unit/%.c,$(TEST_B)/tests/%,$(TEST_SRCS))

ifeq ($(B),$(TEST_B))
$(TEST_B)/tests/%: tests/unit/%.c $(OBJ)/libnetfuzz.a | $(DEPS_GATE)
	@mkdir -p $(@D)
	$(Q)clang $(CPPFLAGS) $(WARN) $(FCFLAGS) -MMD -MP $< $(OBJ)/libnetfuzz.a -lcmocka $(LIBS) $(FLDFLAGS) -o $@
tests: $(TEST_BINS)
endif

# Two tiers (README, "Set up and run"; tests/run-check.sh):
#   make check           the contributor's suite: unit tests, corpus and
#                        regression replay, tests/check.d/*.sh
#   make check-campaign  tests/campaign.d/*.sh: the tests that start real
#                        fuzzing campaigns (both engines, AFL++ builds, soak,
#                        OSS-Fuzz relocation, the report page in a browser)
# make -jN runs N scripts at a time (plain -j or no -j: one per CPU).
CHECK_JOBS = $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS)))
# CHECK_FUZZ_TARGETS: the libFuzzer builds the check tier's scripts fuzz or
# minimize with (fuzz_cli, fuzz_sigint, triage_loop, triage_groups), built
# here with make's -j before the scripts start (a script builds anything
# else it needs itself, one make at a time).  None links a library.
CHECK_FUZZ_TARGETS := rtmsg_darwin nf_buggy planted_radiotap
check: cli
	$(Q)$(MAKE) --no-print-directory ENGINE=standalone SANITIZER=address targets tests
	$(Q)$(MAKE) --no-print-directory ENGINE=libfuzzer SANITIZER=address $(addprefix build/libfuzzer-address/,$(CHECK_FUZZ_TARGETS))
	$(Q)tests/run-check.sh --tier check $(if $(CHECK_JOBS),--jobs $(CHECK_JOBS))

# The campaign tier builds the instrumented libraries of both engines first,
# once, with build-deps.sh's progress lines (cached per machine; the AFL++
# ones take minutes the first time), and the headless browser the report
# page test renders with (ci/install-deps.sh --campaign).
# The builds the campaign scripts fuzz with, made before they start, so a
# soak's 18 seconds are not spent linking (fuzz_soak, report_browser, fuzz_afl).
CAMPAIGN_FUZZ_TARGETS := rtmsg_darwin bpf_filter dns nf_buggy
CAMPAIGN_AFL_TARGETS  := rtmsg_darwin
check-campaign: cli
	$(Q)command -v chromium >/dev/null || ci/install-deps.sh --campaign
	$(Q)$(MAKE) --no-print-directory ENGINE=standalone SANITIZER=address targets
	$(Q)$(MAKE) --no-print-directory ENGINE=libfuzzer SANITIZER=address libs
	$(Q)$(MAKE) --no-print-directory ENGINE=afl SANITIZER=address libs
	$(Q)$(MAKE) --no-print-directory ENGINE=libfuzzer SANITIZER=address $(addprefix build/libfuzzer-address/,$(CAMPAIGN_FUZZ_TARGETS))
	$(Q)$(MAKE) --no-print-directory ENGINE=afl SANITIZER=address $(foreach t,$(CAMPAIGN_AFL_TARGETS),build/afl-address/$(t) build/afl-address/$(t).cmplog build/afl-address/mutators/$(t).so)
	$(Q)tests/run-check.sh --tier campaign $(if $(CHECK_JOBS),--jobs $(CHECK_JOBS))

regress: cli
	$(Q)$(MAKE) --no-print-directory ENGINE=standalone SANITIZER=address targets
	$(Q)bin/netfuzz regress $(REGRESS_ARGS)

# ---------------------------------------------------------------- campaigns and coverage
# make fuzz: bin/netfuzz fuzz over every target (it builds what is missing);
# FUZZ_ARGS passes more options, e.g. FUZZ_ARGS="--jobs 2 --engine afl".
FUZZ_SECONDS ?= 10
# The targets (and so the instrumented libraries, with build-deps' progress
# lines) are built first, with make's -j, not one by one inside netfuzz fuzz,
# which runs its makes quietly.  netfuzz's own makes then find them built;
# they get no jobserver (a recipe's child make would warn about it).
FUZZ_ENGINE = $(if $(findstring afl,$(FUZZ_ARGS)),afl,libfuzzer)
fuzz: cli
	$(Q)$(MAKE) --no-print-directory ENGINE=$(FUZZ_ENGINE) SANITIZER=address targets
	$(Q)env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL bin/netfuzz fuzz --seconds $(FUZZ_SECONDS) $(FUZZ_ARGS)

# make coverage: coverage build, corpora replayed, llvm-cov HTML in
# out/coverage/<t>/ and a per-target summary (ci/coverage.sh).
coverage: cli
	$(Q)$(MAKE) --no-print-directory ENGINE=coverage SANITIZER=none targets
	$(Q)ci/coverage.sh $(TARGETS)

# ---------------------------------------------------------------- OSS-Fuzz / ClusterFuzzLite
# make oss-fuzz-check [OSS_FUZZ_CONFIGS="libfuzzer-address ..."]: build every
# target with ci/oss-fuzz/build.sh as OSS-Fuzz would (per config: libFuzzer
# with address, undefined, coverage, memory; AFL++ with address), move $OUT,
# and apply bad_build_check's checks to each target (ci/check-build.sh).
OSS_FUZZ_CONFIGS ?=
.PHONY: oss-fuzz-check
oss-fuzz-check: | $(DEPS_GATE)
	$(Q)ci/check-build.sh $(OSS_FUZZ_CONFIGS)

clean:
	rm -rf build bin
distclean: clean
	rm -rf out

# ---------------------------------------------------------------- route tools (issue 5)
# build/tools/route_gen writes the route targets' seeds (make route-seeds)
# and large synthetic dumps for bench/routes.sh, all through nf_route_encode.
ROUTE_GEN := build/tools/route_gen
# (only the libraries it uses, with the system's libraries as for the CLI;
# src/core holds the structure recorder the cursor and the route parsers
# call, off here)
ROUTE_GEN_SRCS := $(sort $(wildcard src/core/*.c src/route/*.c src/util/*.c))
$(ROUTE_GEN): tests/tools/route_gen.c $(ROUTE_GEN_SRCS) $(wildcard include/netfuzz/*.h) | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)clang $(SYS_CPPFLAGS) $(WARN) -O2 tests/tools/route_gen.c $(ROUTE_GEN_SRCS) $(SYS_LIBS) -o $@
.PHONY: route-seeds
route-seeds: $(ROUTE_GEN)
	$(ROUTE_GEN) seeds corpora

-include $(shell find build $(OBJ) -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------- regress (issue 6)
# OS-behaviour repros (regressions/os/*.c) link into bin/netfuzz through
# CLI_OBJS above; the syscall fault shim is a preload library.
cli: build/libnetfault.so
build/libnetfault.so: regressions/os/fault/libnetfault.c | $(TOOLS_GATE)
	@mkdir -p $(@D)
	$(Q)clang $(WARN) -O2 -g -fPIC -shared $< -o $@ -ldl
