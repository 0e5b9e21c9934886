/**
 * Shared kernel: what every module may use — time, ids, the acting person, problem
 * details, the command line, the embedded database and the console layout. It depends on
 * no business module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.rapport.platform;
