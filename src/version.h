/*
 * version: brochure's version, in this one place: --version prints it
 * and the PDF names it as its creator and producer.
 *
 * This header must never hold anything but the version.
 */
#ifndef BROCHURE_VERSION_H
#define BROCHURE_VERSION_H

#define BROCHURE_VERSION	"0.1.0"

#endif /* BROCHURE_VERSION_H */
